#!/usr/bin/env node
/**
 * `npm test`: the type-check, the lint (eslint and prettier) and the jest
 * suite, side by side rather than one after the other. On a two-core
 * machine jest runs its suites in one worker, so the checks take the other
 * core instead of waiting. The checks' output is printed when each ends,
 * jest's as it comes; the exit code is 1 if any of them failed.
 *
 *   node scripts/test.js [jest arguments...]
 */
const { spawn } = require("node:child_process");

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const checks = [
  ["typecheck", [npm, "run", "--silent", "typecheck"]],
  ["lint", [npm, "run", "--silent", "lint"]],
];

function run(name, [command, ...args], buffered) {
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
      resolve(code === 0);
    });
  });
}

Promise.all([
  ...checks.map(([name, command]) => run(name, command, true)),
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
