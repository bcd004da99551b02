// Registers cdktf's Testing matchers (toHaveResourceWithProperties, ...):
// what `Testing.setupJest()` does, by the adapter's own path, so that a
// suite that synthesizes nothing does not load the whole of cdktf (379
// modules) for it. __tests__/project/harness.test.ts holds the two equal.
const { setupJest } = require("cdktf/lib/testing/adapters/jest");
setupJest();
