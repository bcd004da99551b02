/**
 * jest's globalSetup: one temporary directory per run, which
 * global-teardown.js removes when the run ends.
 *
 * cdktf's Testing.app() makes a directory under os.tmpdir() for every app
 * and never removes it, and the suites' own mkdtemp calls, the synth
 * processes they start and Chromium's profiles add more: a machine that ran
 * the suite all day held thousands. With TMPDIR set here, before the
 * workers start, os.tmpdir() is this directory in every worker and in every
 * process they spawn, and a run leaves /tmp as it found it. A killed run
 * leaves this one directory (privatelink-test-*).
 */
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

module.exports = async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), "privatelink-test-"));
  process.env.PRIVATELINK_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
