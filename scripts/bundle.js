/**
 * The esbuild build of an entry point, shared by `npm run build` and
 * scripts/run.js, so the tests run the same bundle as `npm run synth`.
 *
 *   node scripts/bundle.js main.ts [more entries...]   -> dist/main.js, ...
 *
 * Two modules of cdktf are replaced by stubs (scripts/stubs/), both for
 * speed and neither changing what is synthesized:
 * - `archiver` (and its ~700 kB of dependencies), loaded by cdktf's root
 *   module for TerraformAsset archives only;
 * - cdktf's token stack-trace capture, which only feeds error messages.
 */
const { join, relative } = require("node:path");

const root = join(__dirname, "..");

const STUBS = {
  archiver: join(__dirname, "stubs", "archiver.js"),
  stackTrace: join(__dirname, "stubs", "stack-trace.js"),
};

const CDKTF_LIB = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]/;
const CDKTF_STACK_TRACE =
  /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace$/;

/** Redirects the stubbed modules; everything else resolves as usual. */
const stubs = {
  name: "synth-stubs",
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) =>
      CDKTF_LIB.test(args.importer) ? { path: STUBS.archiver } : undefined,
    );
    // cdktf requires it by relative path from several of its files.
    build.onResolve({ filter: /stack-trace$/ }, (args) =>
      CDKTF_STACK_TRACE.test(join(args.resolveDir, args.path))
        ? { path: STUBS.stackTrace }
        : undefined,
    );
  },
};

/** The bundle path of an entry: `main.ts` -> `dist/main.js`. */
function outfileOf(entry) {
  return join(
    root,
    "dist",
    relative(root, join(root, entry)).replace(/\.ts$/, ".js"),
  );
}

/**
 * Entries under bench/ are tools that measure the synth, not part of it:
 * they load their packages (vega, prettier) from node_modules as they are,
 * some by dynamic import().
 */
function isTool(entry) {
  return relative(root, join(root, entry)).split(/[\\/]/)[0] === "bench";
}

/** esbuild options for one entry; `extra` overrides (e.g. write: false). */
function options(entry, extra = {}) {
  return {
    entryPoints: [join(root, entry)],
    outfile: outfileOf(entry),
    bundle: true,
    platform: "node",
    target: "node20",
    logLevel: "warning",
    plugins: [stubs],
    // They load their WebAssembly from beside their own files.
    external: ["@cdktf/hcl-tools", "@cdktf/hcl2json"],
    ...(isTool(entry) ? { packages: "external" } : {}),
    ...extra,
  };
}

/** Builds `entry` into dist/; resolves to esbuild's result. */
function bundle(entry, extra) {
  return require("esbuild").build(options(entry, extra));
}

module.exports = { bundle, isTool, outfileOf, STUBS };

if (require.main === module) {
  const entries = process.argv.slice(2);
  if (entries.length === 0) {
    process.stderr.write("usage: node scripts/bundle.js <entry.ts>...\n");
    process.exit(2);
  }
  Promise.all(entries.map((entry) => bundle(entry))).catch(() =>
    process.exit(1),
  );
}
