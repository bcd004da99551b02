#!/usr/bin/env node
/**
 * The type-check (`npm run typecheck`, and one of `npm test`'s checks):
 * TypeScript 7's native `tsc -b` (the `typescript-native` alias of
 * typescript@7 in package.json) with tsconfig.json's build info in
 * node_modules/.cache. A full check takes 3.1-4.4 s of CPU, where
 * TypeScript 5.9's took 9.8-10.7 s.
 *
 * `typescript` itself stays at 5.9: ts-node (the bench's baseline) and
 * cdktf-cli need its JavaScript API, which TypeScript 7 does not have.
 * tsconfig.json is valid for both (module "preserve": esbuild and swc, not
 * tsc, decide how modules load), so an editor on 5.9 checks with the same
 * options. Both install a `tsc` command; node_modules/.bin/tsc is whichever
 * npm linked last, hence `npm run typecheck`.
 *
 * When no input changed since a run that passed, `tsc -b` reads mtimes and
 * stops: 0.2 s of CPU. TypeScript 5.9's `tsc -b` never looked at
 * node_modules; 7's notices a changed declaration there too, but the check
 * does not rely on it: a package-lock.json other than the one of the last
 * passing run (its SHA-256 is kept next to the build info) makes it
 * `--force`, a full check after every dependency change.
 */
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");

/**
 * The tsc command line for the project at `root`, and what to call once it
 * passed: it records the package-lock.json that run saw.
 */
function typecheck(root = join(__dirname, "..")) {
  const stamp = join(root, "node_modules", ".cache", "tsc.package-lock.sha256");
  const dependencies = createHash("sha256")
    .update(readFileSync(join(root, "package-lock.json")))
    .digest("hex");
  let checked;
  try {
    checked = readFileSync(stamp, "utf8");
  } catch {
    checked = undefined;
  }
  return {
    command: [
      process.execPath,
      join(root, "node_modules", "typescript-native", "bin", "tsc"),
      "-b",
      ...(checked === dependencies ? [] : ["--force"]),
    ],
    passed() {
      mkdirSync(dirname(stamp), { recursive: true });
      writeFileSync(stamp, dependencies);
    },
  };
}

module.exports = { typecheck };

if (require.main === module) {
  const { command, passed } = typecheck();
  const [file, ...args] = command;
  const run = spawnSync(file, args, { stdio: "inherit" });
  if (run.status === 0) passed();
  process.exitCode = run.status ?? 1;
}
