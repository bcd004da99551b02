#!/usr/bin/env node
/**
 * Runs a TypeScript entry point from its esbuild bundle in dist/, building
 * the bundle first (scripts/bundle.js) only when a source is newer. No
 * type-checking on this path (that is `npm test`), and the bundle holds just
 * the provider classes that are imported by deep path: a synth loads in a
 * fraction of a second.
 *
 * The bundle runs with a V8 code cache (dist/<entry>.js.cache): the bytecode
 * V8 compiled for an earlier run, functions compiled lazily during that run
 * included, so a synth skips most of compiling the 1.9 MB bundle. The cache
 * is keyed by the bundle's SHA-256 (V8 itself checks only the source's
 * length), written after a successful run when missing or stale. Tools
 * (bench/) run without it: V8 loses a script's dynamic import() callback in
 * code it takes from a cache, and the bench imports vega that way.
 *
 * A stack trace names the sources (src/stack/privatelink-stack.ts:42:7), not the bundle,
 * through the bundle's source map. The map is read only when a stack trace
 * is first formatted (an error's .stack, as when it is printed), not on
 * every run as `--enable-source-maps` would (~20 ms of a synth), and applies
 * to code from the cache too, which Node's own source map support misses.
 *
 *   node scripts/run.js main.ts [args...]
 *
 * PRIVATELINK_DIST: the directory of the bundles (default dist/), as for
 * scripts/bundle.js; the tests give theirs a temporary one. It must lie in
 * the repository: a bundle finds the packages it leaves external
 * (@cdktf/hcl-tools, a tool's) in the node_modules/ above it.
 */
const { Buffer } = require("node:buffer");
const { createHash } = require("node:crypto");
const {
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require("node:fs");
const { Module, SourceMap, createRequire } = require("node:module");
const { dirname, join, resolve } = require("node:path");
const vm = require("node:vm");
const { bundle, isTool, outfileOf } = require("./bundle");

const root = join(__dirname, "..");
const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node scripts/run.js <entry.ts> [args...]\n");
  process.exit(2);
}
const outfile = outfileOf(entry);

/** Files a bundle can be made from; not, e.g., the bench's results.md. */
const SOURCE = /\.(ts|js|json)$/;

/**
 * Everything a bundle is made from: our sources, the build (bundle.js,
 * tsconfig.json) and the installed packages.
 */
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
    "test-support",
    "tsconfig.json",
    "package.json",
    "package-lock.json",
    "node_modules/.package-lock.json",
  ]) {
    visit(join(root, path));
  }
  return newest;
}

/** The cache file: the bundle's hash, a newline, then V8's cached data. */
function readCache(cacheFile, key) {
  try {
    const data = readFileSync(cacheFile);
    const newline = data.indexOf(10);
    return data.subarray(0, newline).toString() === key
      ? data.subarray(newline + 1)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only costs the next run time. */
function writeCache(cacheFile, key, data) {
  const temporary = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${key}\n`), data]));
    renameSync(temporary, cacheFile); // atomic: parallel runs never see half a file
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** Loads the bundle as `require` would, through a V8 code cache. */
function runCached() {
  const source = readFileSync(outfile);
  const key = createHash("sha256").update(source).digest("hex");
  const cacheFile = `${outfile}.cache`;
  const cachedData = readCache(cacheFile, key);
  const script = new vm.Script(Module.wrap(source.toString()), {
    filename: outfile,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // On exit, so that the cache holds what this run compiled lazily too.
    process.once("exit", (code) => {
      if (code === 0) writeCache(cacheFile, key, script.createCachedData());
    });
  }
  const bundleModule = new Module(outfile, null);
  bundleModule.filename = outfile;
  script
    .runInThisContext()
    .call(
      bundleModule.exports,
      bundleModule.exports,
      createRequire(outfile),
      bundleModule,
      outfile,
      dirname(outfile),
    );
}

/**
 * Frames in the bundle as `at fn (src/file.ts:line:column)`, others as V8
 * writes them. The map is read at the first trace formatted, once.
 */
function mapStackTraces() {
  let map; // undefined until read; null if there is none (or a broken one)
  const sourceMap = () => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${outfile}.map`, "utf8")));
      } catch {
        map = null;
      }
    }
    return map;
  };
  /** [the bundle's place, the source's] of a frame in the bundle, if mapped. */
  const places = (frame) => {
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    const origin = sourceMap()?.findEntry(line - 1, column - 1);
    if (origin?.originalSource === undefined) return undefined;
    const source = resolve(dirname(outfile), origin.originalSource);
    return [
      `${outfile}:${line}:${column}`,
      `${source}:${origin.originalLine + 1}:${origin.originalColumn + 1}`,
    ];
  };
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const text = String(frame);
      const place = frame.getFileName() === outfile && places(frame);
      // Unmapped, the bundle's own place is still some help.
      return `    at ${place ? text.replace(...place) : text}`;
    });
    return [String(error), ...lines].join("\n");
  };
}

function run() {
  process.argv.splice(1, 2, outfile);
  mapStackTraces();
  if (isTool(entry)) require(outfile);
  else runCached();
}

if (!existsSync(outfile) || statSync(outfile).mtimeMs < newestSource()) {
  bundle(entry).then(run, () => process.exit(1));
} else {
  run();
}
