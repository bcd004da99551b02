/**
 * Running entry points as users do (`node scripts/run.js <entry>`), on
 * bundles of the suite's own: a temporary PRIVATELINK_DIST built once per
 * suite, so that no test rebuilds, or writes a code cache over, the bundles
 * in dist/ that other suites and the user run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./configs";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require("../scripts/bundle");

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

/**
 * A temporary bundle directory, built in beforeAll; `inputs` maps each entry
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
      const result = await bundle(entry, { dist });
      inputs[entry] = Object.keys(result.metafile.inputs);
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
