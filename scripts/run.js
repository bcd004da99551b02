#!/usr/bin/env node
/**
 * Runs a TypeScript entry point from its esbuild bundle in dist/, building
 * the bundle first (scripts/bundle.js) only when a source is newer. No
 * type-checking on this path (that is `npm test`), and the bundle holds just
 * the provider classes that are imported by deep path: a synth loads in a
 * fraction of a second.
 *
 *   node scripts/run.js main.ts [args...]
 */
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");
const { bundle, outfileOf } = require("./bundle");

const root = join(__dirname, "..");
const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node scripts/run.js <entry.ts> [args...]\n");
  process.exit(2);
}
const outfile = outfileOf(entry);

/** Files a bundle can be made from; not, e.g., the bench's results.md. */
const SOURCE = /\.(ts|js|json)$/;

/** Everything a bundle is made from: our sources and the installed packages. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (SOURCE.test(path) && stat.mtimeMs > newest)
      newest = stat.mtimeMs;
  };
  for (const path of [
    "main.ts",
    "src",
    "scripts",
    "bench",
    "package-lock.json",
    "node_modules/.package-lock.json",
  ]) {
    visit(join(root, path));
  }
  return newest;
}

function run() {
  process.argv.splice(1, 2, outfile);
  require(outfile);
}

if (!existsSync(outfile) || statSync(outfile).mtimeMs < newestSource()) {
  bundle(entry).then(run, () => process.exit(1));
} else {
  run();
}
