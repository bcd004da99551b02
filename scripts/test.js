#!/usr/bin/env node
/**
 * `npm test`: the type-check, the lint (oxlint and prettier) and the jest
 * suite, side by side rather than one after the other. On a two-core
 * machine jest runs its suites in one worker, so the checks take the other
 * core instead of waiting. The checks' output is printed when each ends,
 * jest's as it comes; the exit code is 1 if any of them failed.
 *
 * The type-check is scripts/typecheck.js's `tsc -b`.
 *
 *   node scripts/test.js [jest arguments...]
 */
const { spawn } = require("node:child_process");
const { join } = require("node:path");
const { typecheck } = require("./typecheck");

const ROOT = join(__dirname, "..");

// The package.json scripts of the same names, run without npm's start-up
// (twice ~0.3 s of CPU that the tests can use).
const bin = (pkg, path) => [
  process.execPath,
  join(ROOT, "node_modules", pkg, path),
];

const types = typecheck(ROOT);
const checks = [
  ["typecheck", types.command, types.passed],
  ["oxlint", [...bin("oxlint", "bin/oxlint"), "."]],
  [
    "prettier",
    [...bin("prettier", "bin/prettier.cjs"), "--check", "--cache", "."],
  ],
];

function run(name, [command, ...args], buffered, passed = () => {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    if (buffered) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("close", (code) => {
      if (buffered && output.trim()) process.stdout.write(output);
      if (code !== 0) process.stderr.write(`npm test: ${name} failed\n`);
      else passed();
      resolve(code === 0);
    });
  });
}

Promise.all([
  ...checks.map(([name, command, passed]) => run(name, command, true, passed)),
  run(
    "jest",
    [
      process.execPath,
      require.resolve("jest/bin/jest"),
      ...process.argv.slice(2),
    ],
    false,
  ),
]).then((results) => {
  process.exitCode = results.every(Boolean) ? 0 : 1;
});
