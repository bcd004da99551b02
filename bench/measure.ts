/**
 * Runs a command as a user would and measures it: wall time from spawn to
 * exit, and peak memory, the largest max RSS of any Node process of the
 * command (npm itself, then the synth it starts), recorded by
 * bench/max-rss.js through NODE_OPTIONS.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Command {
  /** What the results call it, e.g. `npm run synth`. */
  readonly display: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface Sample {
  readonly seconds: number;
  /** Peak resident set of the command's largest Node process, in MiB. */
  readonly mib: number;
  readonly status: number | null;
  readonly stderr: string;
}

/** Runs `command` once; `root` is the repository (it holds bench/max-rss.js). */
export function measure(command: Command, root: string): Sample {
  const probe = join(root, "bench", "max-rss.js");
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(dir, "rss");
  const nodeOptions = [
    process.env.NODE_OPTIONS,
    `--require ${JSON.stringify(probe)}`,
  ]
    .filter(Boolean)
    .join(" ");
  const start = process.hrtime.bigint();
  const result = spawnSync(command.file, [...command.args], {
    cwd: command.cwd,
    env: {
      ...process.env,
      ...command.env,
      NODE_OPTIONS: nodeOptions,
      BENCH_RSS_FILE: rssFile,
    },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let kib = 0;
  try {
    for (const line of readFileSync(rssFile, "utf8").split("\n"))
      if (line) kib = Math.max(kib, Number(line));
  } catch {
    // no Node process reported: kib stays 0
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    seconds,
    mib: kib / 1024,
    status: result.status,
    stderr: result.stderr ?? String(result.error ?? ""),
  };
}

/**
 * How fast the machine is right now: the median wall time, in ms, of a fixed
 * integer loop (the same work on every machine and every run) run `runs`
 * times in this process. On a shared machine the same code runs a third
 * slower in a busy spell than in a quiet one, and the load average does not
 * show it (the host's other tenants are not in it). A slow loop, before or
 * after the runs, shows such a spell; a usual one does not rule it out: the
 * loop times one core, the runs use both.
 */
export function cpuReference(runs = 5): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    let sum = 0;
    for (let i = 0; i < 300_000_000; i++) sum = (sum + (i % 7)) | 0;
    if (sum === -1) throw new Error("unreachable: keeps the loop");
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}
