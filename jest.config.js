/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // The engine tier needs its toolchain and minutes: npm run test:engine.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/engine/"],
  // swc strips types only; `tsc --noEmit` in `npm test` type-checks.
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  moduleFileExtensions: ["ts", "js", "json"],
  // With the other tools' caches, so that a fresh clone (or the bench's
  // cold npm test, which removes node_modules/.cache) starts with none.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  // Each module compiled once per worker, not once per suite: about a
  // sixth of the suite's CPU (test-support/runtime.js).
  runtime: "<rootDir>/test-support/runtime.js",
  setupFilesAfterEnv: ["<rootDir>/test-support/setup.js"],
  // TMPDIR is one directory per run, removed at its end: what cdktf's
  // Testing.app(), the suites and their processes make under os.tmpdir()
  // goes with it (test-support/global-setup.js).
  globalSetup: "<rootDir>/test-support/global-setup.js",
  globalTeardown: "<rootDir>/test-support/global-teardown.js",
  // cdktf's token stack-trace capture is the synth bundle's stub
  // (scripts/bundle.js): tests build stacks as `npm run synth` does. Under
  // jest each captured frame also went through jest's source mapping, which
  // made 420 consumers take 4.7 s to build instead of 0.15 s. The pattern
  // also matches constructs' copy (lib/private/stack-trace), which only
  // feeds construct metadata traces; Testing.app() turns those off.
  // archiver is the bundle's stub too: cdktf's root module loads it, and
  // about 1 MB of its dependencies, only for TerraformAsset archives; jest
  // compiled all of that again for every suite that imports cdktf.
  moduleNameMapper: {
    "^\\.{1,2}/(tokens/)?(private/)?stack-trace$":
      "<rootDir>/scripts/stubs/stack-trace.js",
    "^archiver$": "<rootDir>/scripts/stubs/archiver.js",
  },
  // Jest keeps a core for itself by default: one worker on a 2-core machine.
  // The suites mostly wait (on synth processes, on module loading), so use
  // every core: about 14 s -> 9 s for the suite on 2 cores.
  maxWorkers: "100%",
  // Hooks and tests that synthesize or load the WebAssembly HCL tools take
  // seconds; on a loaded 2-core machine jest's 5 s default fails them now
  // and then. A generous bound keeps them from flaking and still ends a hang.
  testTimeout: 60_000,
};
