// Bundles the code editor into one minified ES module, `code-editor.js`. Run by trunk after
// each build (a post_build hook, writing into its staging directory) or by hand with an output
// directory: `node tools/code-editor/build.mjs <dir>`. Versions come from tools/package-lock.json.

import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const output = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!output) {
  console.error("usage: node tools/code-editor/build.mjs <output directory>");
  process.exit(2);
}

await build({
  entryPoints: [join(here, "editor.js")],
  outfile: join(output, "code-editor.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});
