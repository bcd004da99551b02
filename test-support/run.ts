/**
 * Running entry points as users do (`node scripts/run.js <entry>`), on
 * bundles of the suite's own: a temporary PRIVATELINK_DIST made once per
 * suite, so that no test rebuilds, or writes a code cache over, the bundles
 * in dist/ that other suites and the user run.
 *
 * A suite's bundles are built by scripts/bundle.js, or copied from an earlier
 * build of exactly the same inputs (node_modules/.cache/test-bundles/): the
 * cache key is the SHA-256 of every file esbuild read for that build, the
 * build's own files (scripts/bundle.js, tsconfig.json, the lock files) and
 * the names of all source files, so that a new file that an import could
 * now resolve to is a miss too. Six builds of 0.1-1.1 s of CPU each in every
 * run become copies; npm ci wipes the cache, and PRIVATELINK_BUNDLE_CACHE=0
 * builds every time.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { ROOT } from "./configs";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle, outfileOf } = require("../scripts/bundle");

/**
 * For what builds bundles: a cold one takes seconds of both cores, more on
 * a loaded two-core machine (a spawned run has jest.config.js's timeout).
 */
export const BUILD_TIMEOUT = 120_000;

/** The variables a test sets; a user's own must not leak into a run. */
const OWN = [
  "PRIVATELINK_CONFIG",
  "PRIVATELINK_DIST",
  "CDKTF_OUTDIR",
  "TFC_ORGANIZATION",
  "TFC_WORKSPACE_PREFIX",
  "EXPORT_DIR",
];

export function tempDir(prefix = "privatelink-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The directories whose files a bundle's imports can resolve to. */
const SOURCE_DIRS = ["main.ts", "src", "scripts", "bench", "test-support"];
/** What every build depends on besides the files esbuild reads. */
const BUILD_FILES = [
  "scripts/bundle.js",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "node_modules/.package-lock.json",
];

/** Repository-relative paths of the files under SOURCE_DIRS, sorted. */
function sourceNames(root: string): string[] {
  const names: string[] = [];
  const visit = (path: string) => {
    if (!existsSync(join(root, path))) return;
    if (statSync(join(root, path)).isDirectory())
      for (const name of readdirSync(join(root, path))) visit(join(path, name));
    else names.push(path);
  };
  SOURCE_DIRS.forEach(visit);
  return names.sort();
}

/**
 * The cache key of a build of `entry` into a directory of `root`/`distParent`
 * whose esbuild read `inputs` (repository-relative): the SHA-256 of their
 * contents, BUILD_FILES' and the names of every source file. A file that is
 * missing counts as such.
 */
export function bundleKey(
  root: string,
  entry: string,
  distParent: string,
  inputs: readonly string[],
): string {
  const hash = createHash("sha256");
  const part = (data: string | Buffer) => hash.update(data).update("\0");
  part(entry);
  part(distParent);
  const file = (path: string) => {
    part(path);
    part(existsSync(join(root, path)) ? readFileSync(join(root, path)) : "-");
  };
  BUILD_FILES.forEach(file);
  [...inputs].sort().forEach(file);
  part(sourceNames(root).join("\n"));
  return hash.digest("hex");
}

const BUNDLE_CACHE = join(ROOT, "node_modules", ".cache", "test-bundles");
/** Builds kept; the oldest beyond this are removed. */
const BUNDLE_CACHE_ENTRIES = 24;

export function bundleCacheEnabled(env = process.env): boolean {
  return env.PRIVATELINK_BUNDLE_CACHE !== "0";
}

/**
 * An entry's index in the cache: the inputs its last build read, which say
 * which files to hash for the key. The build itself is the key's directory:
 * the bundle and its source map under files/.
 */
interface EntryIndex {
  readonly inputs: string[];
}

/** The files a build of `entry` writes, relative to its dist directory. */
function outputsOf(entry: string, dist: string): string[] {
  const outfile: string = outfileOf(entry, dist);
  return [outfile, `${outfile}.map`].map((path) => relative(dist, path));
}

const entryIndex = (cache: string, entry: string) =>
  join(
    cache,
    `${createHash("sha256").update(entry).digest("hex").slice(0, 16)}.json`,
  );

/**
 * Puts the bundle of `entry` into `dist`, a directory of ROOT: copied from
 * `cache` when a build of the same key is there, else built and then kept
 * there. Resolves to the inputs esbuild read.
 */
export async function cachedBundle(
  entry: string,
  dist: string,
  cache: string = BUNDLE_CACHE,
): Promise<{ inputs: string[]; cached: boolean }> {
  const root = ROOT;
  const distParent = dirname(relative(root, dist));
  // The inputs of the entry's last build say which files to hash now.
  let last: EntryIndex | undefined;
  try {
    last = JSON.parse(readFileSync(entryIndex(cache, entry), "utf8"));
  } catch {
    last = undefined;
  }
  if (last) {
    const dir = join(cache, bundleKey(root, entry, distParent, last.inputs));
    try {
      for (const output of outputsOf(entry, dist)) {
        mkdirSync(dirname(join(dist, output)), { recursive: true });
        copyFileSync(join(dir, "files", output), join(dist, output));
      }
      return { inputs: last.inputs, cached: true };
    } catch {
      // Not there, or half removed: build.
    }
  }
  const started = Date.now();
  const result = await bundle(entry, { dist });
  const inputs = Object.keys(result.metafile.inputs);
  // A source saved during the build may not be in it: keep nothing then.
  const changed = [...BUILD_FILES, ...inputs].some(
    (path) =>
      existsSync(join(root, path)) &&
      statSync(join(root, path)).mtimeMs >= started,
  );
  if (!changed)
    keepBuild(cache, entry, dist, bundleKey(root, entry, distParent, inputs), {
      inputs,
    });
  return { inputs, cached: false };
}

/** Best effort, atomic per build: a failure only costs the next run time. */
function keepBuild(
  cache: string,
  entry: string,
  dist: string,
  key: string,
  index: EntryIndex,
): void {
  const dir = join(cache, key);
  const temporary = `${dir}.${process.pid}.tmp`;
  try {
    for (const output of outputsOf(entry, dist)) {
      mkdirSync(dirname(join(temporary, "files", output)), { recursive: true });
      copyFileSync(join(dist, output), join(temporary, "files", output));
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(temporary, dir);
    const file = entryIndex(cache, entry);
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(index));
    renameSync(`${file}.${process.pid}.tmp`, file);
    const builds = readdirSync(cache)
      .filter((name) => /^[0-9a-f]{64}$/.test(name))
      .map((name) => join(cache, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const old of builds.slice(BUNDLE_CACHE_ENTRIES))
      rmSync(old, { recursive: true, force: true });
  } catch {
    // Another worker kept the same build, or the disk is full.
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * A temporary bundle directory, made in beforeAll; `inputs` maps each entry
 * to the files its bundle is made of (repository-relative, from esbuild).
 */
export function ownBundles(entries: string[]): {
  dist: () => string;
  inputs: Record<string, string[]>;
} {
  let dist: string | undefined;
  const inputs: Record<string, string[]> = {};
  beforeAll(async () => {
    // Inside the repository: bundles find the packages they leave external
    // (@cdktf/hcl-tools) in node_modules/ above them. dist/ is ignored by
    // git and the linters.
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    dist = mkdtempSync(join(ROOT, "dist", "test-"));
    // One at a time: in parallel they only contend for the same cores.
    for (const entry of entries) {
      inputs[entry] = bundleCacheEnabled()
        ? (await cachedBundle(entry, dist)).inputs
        : Object.keys((await bundle(entry, { dist })).metafile.inputs);
    }
  }, BUILD_TIMEOUT);
  afterAll(() => {
    if (dist !== undefined) rmSync(dist, { recursive: true, force: true });
  });
  return {
    dist: () => {
      if (dist === undefined) throw new Error("the bundles are not built yet");
      return dist;
    },
    inputs,
  };
}

/** The environment of a run on the bundles in `dist`. */
export function runEnv(
  dist: string,
  env: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const rest = { ...process.env };
  for (const name of OWN) delete rest[name];
  return { ...rest, PRIVATELINK_DIST: dist, ...env };
}

/** `node scripts/run.js <entry> [args]` from the repository root. */
export function runEntry(
  dist: string,
  entry: string,
  env: Record<string, string | undefined> = {},
  args: string[] = [],
) {
  return spawnSync("node", ["scripts/run.js", entry, ...args], {
    cwd: ROOT,
    env: runEnv(dist, env),
    encoding: "utf8",
  });
}
