// Puts the split app in place of trunk's unsplit one: `node assemble.mjs <dist> <pieces> <app>`.
//
// <pieces> holds what `cargo xtask build` made: `bound/` (wasm-bindgen's <app>.js,
// <app>_bg.wasm and snippets/), the splitter's loader `__wasm_split.js` and the chunks
// (`*.wasm`). Every piece is named with one hash of all of them, so any change gives every
// file a new name and the server may let browsers cache them for good; the references between
// them and the page's `integrity` attributes are rewritten to match.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [dist, pieces, app] = process.argv.slice(2);
const bound = path.join(pieces, 'bound');
const LOADER = '__wasm_split.js';

const chunks = fs.readdirSync(pieces).filter((name) => name.endsWith('.wasm')).sort();
const sources = [
  ...[`${app}.js`, `${app}_bg.wasm`].map((name) => path.join(bound, name)),
  path.join(pieces, LOADER),
  ...chunks.map((name) => path.join(pieces, name)),
];
// This script too: how it rewrites the pieces is part of what they are.
const buildHash = createHash('sha256').update(fs.readFileSync(new URL(import.meta.url)));
for (const file of sources) {
  buildHash.update(path.basename(file));
  buildHash.update(fs.readFileSync(file));
}
const hash = buildHash.digest('hex').slice(0, 16);
const hashed = (name) => name.replace(/(_bg\.wasm|\.js|\.wasm)$/, `-${hash}$1`);
// `-<hash>_bg.wasm` is trunk's own pattern for the app's wasm.
const mainJs = `${app}-${hash}.js`;
const mainWasm = `${app}-${hash}_bg.wasm`;
const loader = hashed(LOADER);

const replaceAll = (text, pairs) =>
  pairs.reduce((result, [from, to]) => {
    if (!result.includes(from)) throw new Error(`assemble: "${from}" is not where it was expected`);
    return result.split(from).join(to);
  }, text);

// Trunk's unsplit app files (and their compressed copies) go.
const trunkApp = new RegExp(`^${app}-[0-9a-f]{1,16}(\\.js|_bg\\.wasm)(\\.br|\\.gz)?$`);
const page = path.join(dist, 'index.html');
let html = fs.readFileSync(page, 'utf8');
const trunkJs = html.match(new RegExp(`${app}-[0-9a-f]{1,16}\\.js`))?.[0];
const trunkWasm = html.match(new RegExp(`${app}-[0-9a-f]{1,16}_bg\\.wasm`))?.[0];
if (!trunkJs || !trunkWasm) throw new Error(`assemble: ${page} does not load ${app}`);
for (const name of fs.readdirSync(dist)) {
  if (trunkApp.test(name)) fs.rmSync(path.join(dist, name));
}

const write = (name, content) => fs.writeFileSync(path.join(dist, name), content);
write(
  mainJs,
  replaceAll(fs.readFileSync(path.join(bound, `${app}.js`), 'utf8'), [
    // The import statements only: the imports object keeps the module name the wasm asks for.
    [`from "./${LOADER}"`, `from "./${loader}"`],
  ]),
);
fs.copyFileSync(path.join(bound, `${app}_bg.wasm`), path.join(dist, mainWasm));
write(
  loader,
  replaceAll(fs.readFileSync(path.join(pieces, LOADER), 'utf8'), [
    [`"./${app}.js"`, `"./${mainJs}"`],
    ...chunks.map((name) => [`"./${name}"`, `"./${hashed(name)}"`]),
  ]),
);
for (const name of chunks) fs.copyFileSync(path.join(pieces, name), path.join(dist, hashed(name)));
fs.cpSync(path.join(bound, 'snippets'), path.join(dist, 'snippets'), { recursive: true });

// The page: the new names, the loader preloaded beside the app, and every integrity
// attribute recomputed from the file it guards.
html = replaceAll(html, [
  [trunkJs, mainJs],
  [trunkWasm, mainWasm],
]);
html = html.replace(
  /(<link rel="modulepreload" href="\.\/)([^"]+)("[^>]*>)/,
  (preload, start, _name, end) => `${preload}${start}${loader}${end}`,
);
html = html.replace(/href="\.\/([^"]+)"([^>]*)integrity="sha384-[^"]*"/g, (tag, name, between) => {
  const digest = createHash('sha384').update(fs.readFileSync(path.join(dist, name))).digest('base64');
  return `href="./${name}"${between}integrity="sha384-${digest}"`;
});
fs.writeFileSync(page, html);

const size = (name) => fs.statSync(path.join(dist, name)).size;
const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
console.log(
  `split app: ${mainWasm} ${kb(size(mainWasm))}; loaded when needed: ` +
    chunks.map((name) => `${hashed(name)} ${kb(size(hashed(name)))}`).join(', '),
);
