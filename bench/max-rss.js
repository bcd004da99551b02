/**
 * Preloaded into every Node process of a measured command (through
 * NODE_OPTIONS=--require): when the process exits, it appends its peak
 * resident set size in KiB (getrusage's ru_maxrss, what GNU time's %M
 * reports) to the file named by BENCH_RSS_FILE.
 */
const { appendFileSync } = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
