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
  setupFilesAfterEnv: ["<rootDir>/test-support/setup.js"],
  // Jest keeps a core for itself by default: one worker on a 2-core machine.
  // The suites mostly wait (on synth processes, on module loading), so use
  // every core: about 14 s -> 9 s for the suite on 2 cores.
  maxWorkers: "100%",
  // Not jest's 5 s: on a loaded 2-core machine (other suites' synth processes
  // and bundle builds) a suite's first synth, or export's WebAssembly load,
  // alone can take that long. A hung test still fails, later.
  testTimeout: 60_000,
};
