//! Precompressed copies of the built web app, made once per build at the highest settings: `x.br`
//! (Brotli, quality 11, 16 MB window) and `x.gz` (gzip, level 9) beside each compressible file
//! of `dist/`. The server sends a browser the copy it accepts instead of compressing each
//! response at a fast level. Node's zlib does the compressing (Node is already needed for the
//! code editor's bundle), so that this crate stays standard library only.

use crate::root;
use std::path::Path;
use std::process::Command;

/// Compresses every compressible file under `process.argv[1]` but the top `index.html` (the
/// server rewrites that page for its base path and compresses it as it sends it); a copy that
/// would not be smaller is not written (the file is sent as it is). Copies keep their file's modification
/// time, so `Last-Modified` is the same whichever is sent. Prints the totals.
const SCRIPT: &str = r#"
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { constants } = zlib;
const compressible = /\.(wasm|js|mjs|css|html|svg|json|map|txt|xml)$/;
const totals = { files: 0, raw: 0, br: 0, gz: 0 };
function compress(file, name) {
  const bytes = fs.readFileSync(file);
  const { atime, mtime } = fs.statSync(file);
  const brotli = zlib.brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gzip = zlib.gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
  totals.files += 1;
  totals.raw += bytes.length;
  for (const [suffix, copy, key] of [['.br', brotli, 'br'], ['.gz', gzip, 'gz']]) {
    const target = file + suffix;
    if (copy.length >= bytes.length) {
      fs.rmSync(target, { force: true });
      totals[key] += bytes.length;
      continue;
    }
    fs.writeFileSync(target + '.part', copy);
    fs.renameSync(target + '.part', target);
    fs.utimesSync(target, atime, mtime);
    totals[key] += copy.length;
  }
}
function walk(folder, top) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(file, false);
    else if (top && entry.name === 'index.html') continue;
    else if (compressible.test(entry.name)) compress(file, entry.name);
  }
}
walk(process.argv[1], true);
const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
console.log(`precompressed ${totals.files} files, ${kb(totals.raw)}: Brotli ${kb(totals.br)}, gzip ${kb(totals.gz)}`);
"#;

/// Writes the precompressed copies of the files in `dist` (a trunk build: trunk empties the
/// folder on each build, so no copy outlives its file).
pub fn precompress(dist: &Path) -> Result<(), String> {
    println!("$ node (precompress {})", dist.display());
    let status = Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .arg(dist)
        .current_dir(root())
        .status()
        .map_err(|error| format!("cannot run node: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "precompressing {} failed ({status})",
            dist.display()
        ))
    }
}
