// jest's globalTeardown: removes the run's temporary directory
// (global-setup.js) with everything the suites left in it.
const { rmSync } = require("node:fs");

module.exports = async function globalTeardown() {
  const dir = process.env.PRIVATELINK_TEST_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
