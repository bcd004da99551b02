#!/usr/bin/env node
/**
 * The type-check (`npm run typecheck`, and one of `npm test`'s checks):
 * `tsc -b` with tsconfig.json's build info in node_modules/.cache.
 *
 * When no project file and no tsconfig.json changed since a run that passed,
 * `tsc -b` reads their mtimes and stops: 0.2 s of CPU, where
 * `tsc --incremental` spends about 3 s hashing all ~950 files it reads,
 * the declarations in node_modules included. `tsc -b` does not look at
 * node_modules at all, so a package-lock.json other than the one of the last
 * passing run (its SHA-256 is kept next to the build info) makes it
 * `--force`: a full check after every dependency change.
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
      join(root, "node_modules", "typescript", "bin", "tsc"),
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
