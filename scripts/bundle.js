/**
 * The esbuild build of an entry point, shared by `npm run build` and
 * scripts/run.js, so the tests run the same bundle as `npm run synth`.
 *
 *   node scripts/bundle.js main.ts [more entries...]   -> dist/main.js, ...
 *
 * PRIVATELINK_DIST names another directory for the bundles (default dist/),
 * e.g. for tests that must not rebuild the bundles a user runs. Each bundle
 * comes with its source map (dist/main.js.map), which scripts/run.js uses
 * to point a stack trace at src/; both are written to a temporary file and
 * renamed into place, so parallel builds, or one that is interrupted, never
 * leave half a bundle.
 *
 * Two modules of cdktf are replaced by stubs (scripts/stubs/), both for
 * speed and neither changing what is synthesized:
 * - `archiver` (and its ~700 kB of dependencies), loaded by cdktf's root
 *   module for TerraformAsset archives only;
 * - cdktf's token stack-trace capture, which only feeds error messages.
 */
const {
  mkdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} = require("node:fs");
const { dirname, join, relative, resolve } = require("node:path");

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

/**
 * Packages whose CommonJS build is a UMD factory that requires its own
 * files by computed paths, which esbuild cannot follow: the bundle takes
 * their ES module build (package.json "module") instead. jest and plain
 * node load the CommonJS build as usual.
 */
const ESM_BUILDS = ["jsonc-parser"];

const esmBuilds = {
  name: "esm-builds",
  setup(build) {
    for (const name of ESM_BUILDS) {
      const manifest = require.resolve(`${name}/package.json`, {
        paths: [root],
      });
      const path = join(dirname(manifest), require(manifest).module);
      build.onResolve(
        {
          filter: new RegExp(
            `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
          ),
        },
        () => ({ path }),
      );
    }
  },
};

/** Where the bundles go: PRIVATELINK_DIST, default dist/. */
function distDir() {
  return resolve(root, process.env.PRIVATELINK_DIST || "dist");
}

/** The bundle path of an entry: `main.ts` -> `dist/main.js`. */
function outfileOf(entry, dist = distDir()) {
  return join(dist, relative(root, join(root, entry)).replace(/\.ts$/, ".js"));
}

/**
 * Entries under bench/ are tools that measure the synth, not part of it:
 * they load their packages (vega, prettier) from node_modules as they are,
 * some by dynamic import().
 */
function isTool(entry) {
  return relative(root, join(root, entry)).split(/[\\/]/)[0] === "bench";
}

/** esbuild options for one entry. */
function options(entry, dist) {
  return {
    entryPoints: [join(root, entry)],
    outfile: outfileOf(entry, dist),
    bundle: true,
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // An external map, read only when a stack trace is printed; the sources
    // are in the repository, so the map need not carry them.
    sourcemap: "linked",
    sourcesContent: false,
    // The files the bundle is made of, for the tests.
    metafile: true,
    write: false,
    plugins: [stubs, esmBuilds],
    // They load their WebAssembly from beside their own files.
    external: ["@cdktf/hcl-tools", "@cdktf/hcl2json"],
    ...(isTool(entry) ? { packages: "external" } : {}),
  };
}

/**
 * Builds `entry` into `dist` (default distDir()); resolves to esbuild's
 * result. The bundle is renamed into place last, after its map: run.js
 * takes a bundle as built once the bundle exists. Its mtime is the build's
 * start, so that a source saved during the build makes it stale.
 */
async function bundle(entry, { dist } = {}) {
  const start = new Date();
  const result = await require("esbuild").build(options(entry, dist));
  const outfile = outfileOf(entry, dist);
  const files = result.outputFiles.sort(
    (a, b) => Number(a.path === outfile) - Number(b.path === outfile),
  );
  mkdirSync(dirname(outfile), { recursive: true });
  for (const { path, contents } of files) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, contents);
      utimesSync(temporary, start, start);
      renameSync(temporary, path);
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  return result;
}

module.exports = { bundle, distDir, isTool, outfileOf, STUBS };

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
