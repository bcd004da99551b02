/**
 * The engine tier (`npm run test:engine`): the generator's stacks planned,
 * applied, re-planned and destroyed by OpenTofu and the real AWS provider
 * against the moto emulator. Needs `npm run engine:install` first; `npm test`
 * never runs it.
 * @type {import('jest').Config}
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  roots: ["<rootDir>/__tests__/engine"],
  testPathIgnorePatterns: [],
  // Before cdktf loads: the matchers read TERRAFORM_BINARY_NAME once.
  setupFiles: ["<rootDir>/test-support/engine-env.ts"],
  // One suite at a time: each applies stacks and the machine has two cores.
  maxWorkers: 1,
  // Tests of one file side by side (test.concurrent; rehearsals run their
  // stacks two at a time): they mostly wait, on Route 53's fixed 15 s polls.
  maxConcurrency: 6,
  // A rehearsal of a large stack takes minutes; jest's 5 s is for unit tests.
  testTimeout: 15 * 60_000,
};
