/**
 * `npm run bench`: synth time and memory of `npm run synth` on the default
 * config and on generated configs of 10 to 1,000 consumers, against the
 * template-style baseline (bench/baseline/), checked against the budgets of
 * issue #6; and `npm run verify` and `npm run export` at 1,000 consumers
 * (issue #13). Writes bench/results.md, bench/synth-scaling.svg and the tables
 * of docs/performance.md (never the README).
 *
 * `npm run bench -- --quick` is the CI mode: fewer runs and sizes, one
 * baseline run, nothing written. Either mode exits 1 when a command fails,
 * when the baseline's Terraform differs from ours, or when a figure is more
 * than twice its budget; a figure merely over budget is reported, not fatal,
 * so that a noisy machine does not fail CI.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { chartPoints, chartSpec, renderSvg } from "./chart";
import { writeConfig } from "./generate";
import { Command, Sample, cpuReference, measure } from "./measure";
import { commandOf, plan } from "./plan";
import { publish } from "./publish";
import {
  Case,
  Figures,
  budgetTable,
  budgetsOf,
  figuresOf,
  figuresTable,
  scalingTable,
  verdictOf,
  WIDE_MARGIN,
} from "./report";

const ROOT = process.cwd();
const USAGE = `usage: npm run bench [-- --quick] [-- --runs N] [-- --no-test]

  --quick     CI mode: default, 100 and 1,000 consumers, verify and export
              of the 1,000, one baseline run; prints the tables and writes
              nothing
  --runs N    runs per case in the full mode (default 5)
  --no-test   do not time npm test (full mode)
`;

function run(command: Command, what: string): Sample {
  const sample = measure(command, ROOT);
  if (sample.status !== 0) {
    process.stderr.write(
      `${what}: \`${command.display}\` exited ${sample.status}\n${sample.stderr}\n`,
    );
    process.exit(1);
  }
  return sample;
}

/** Synthesized JSON without cdktf's `//` metadata (construct paths differ). */
function terraformOf(outdir: string): Record<string, unknown> {
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([key]) => key !== "//")
              .map(([key, v]) => [key, strip(v)]),
          )
        : value;
  const stacks = join(outdir, "stacks");
  return Object.fromEntries(
    readdirSync(stacks).map((stack) => [
      stack,
      strip(
        JSON.parse(readFileSync(join(stacks, stack, "cdk.tf.json"), "utf8")),
      ),
    ]),
  );
}

/** The first JSON paths where two documents differ. */
function differences(a: unknown, b: unknown, path = "", found: string[] = []) {
  if (found.length >= 5 || isDeepStrictEqual(a, b)) return found;
  if (
    a !== null &&
    b !== null &&
    typeof a === "object" &&
    typeof b === "object"
  ) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys)
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
        found,
      );
  } else found.push(path || "(root)");
  return found;
}

function machine(): string {
  const cpu = cpus();
  let os = `${type()} ${release()}`;
  try {
    const name = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(
      readFileSync("/etc/os-release", "utf8"),
    );
    if (name) os = `${name[1]} (${os})`;
  } catch {
    // not Linux: the kernel name will do
  }
  const npm = spawnSync("npm", ["--version"], { encoding: "utf8" }).stdout;
  return [
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"})`,
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    os,
    `Node ${process.version}`,
    `npm ${npm.trim()}`,
  ].join(", ");
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: "boolean", default: false },
        runs: { type: "string", default: "5" },
        "no-test": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    // An unknown flag or a missing value: a usage error, without a trace.
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const quick = values.quick;
  const runs = quick ? 3 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(
      `--runs: expected a whole number of at least 1\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  const { synth, baseline, others } = plan(
    quick,
    runs,
    !quick && !values["no-test"],
  );

  const work = mkdtempSync(join(tmpdir(), "privatelink-bench-"));
  const configs = new Map<string, string>();
  for (const c of synth) {
    if (c.id === "default")
      configs.set(c.id, join(ROOT, "config", "default.json"));
    else {
      const [services, perService] = c.id.split("x").map(Number);
      configs.set(
        c.id,
        writeConfig(join(work, `${c.id}.json`), {
          services,
          consumersPerService: perService,
        }),
      );
    }
  }
  configs.set(baseline.id, join(ROOT, "config", "default.json"));
  configs.set("default-node", join(ROOT, "config", "default.json"));
  configs.set("export-10x100", configs.get("10x100") ?? "");
  const outdir = (id: string) => {
    const dir = join(work, "out", id);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  // Verify reads the synth case's output: the round-robin runs that first.
  const command = (c: Case) =>
    commandOf(
      ROOT,
      c,
      configs.get(c.reads ?? c.id) ?? "",
      outdir(c.reads ?? c.id),
      join(work, "terraform"),
    );

  const cases = [...synth, baseline, ...others];
  const total = cases.reduce((sum, c) => sum + c.runs, 0);
  const loadBefore = load();
  const speedBefore = cpuReference();
  process.stderr.write(
    `bench (${quick ? "quick" : "full"}): ${total} measured runs; load ${loadBefore}; CPU loop ${speedBefore} ms\n`,
  );

  // Warm-up, not measured: builds the bundle and its code cache if stale, as
  // any first synth does, and (full mode) reads the whole provider into the
  // page cache for the baseline.
  run(command(synth[0]), "warm-up");
  // verify and export run bundles of their own: build them too, on the
  // default config, so that no measured run pays for a build.
  for (const c of others.filter((c) =>
    /^npm run (verify|export)$/.test(c.command),
  ))
    run(command({ ...c, id: `${c.id}-warm-up`, reads: "default" }), "warm-up");
  if (!quick) run(command(baseline), "warm-up");

  // Round-robin, so that a noisy spell on the machine hits every case alike.
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.id, []]));
  let done = 0;
  for (let round = 0; done < total; round++) {
    for (const c of cases) {
      if (round >= c.runs) continue;
      if (c.cold)
        rmSync(join(ROOT, "node_modules", ".cache"), {
          recursive: true,
          force: true,
        });
      const sample = run(command(c), c.label);
      samples.get(c.id)?.push(sample);
      done++;
      process.stderr.write(
        `[${done}/${total}] ${c.label}: ${sample.seconds.toFixed(2)} s, ${sample.mib.toFixed(0)} MiB\n`,
      );
    }
  }
  const loadAfter = load();
  const speedAfter = cpuReference();

  const ours = terraformOf(outdir("default"));
  const theirs = terraformOf(outdir("baseline"));
  const same = isDeepStrictEqual(ours, theirs);

  const figures = new Map<string, Figures>(
    cases.map((c) => [c.id, figuresOf(c, samples.get(c.id) ?? [])]),
  );
  const budgets = budgetsOf(figures);
  const failed = budgets.filter((b) => verdictOf(b) === "failed");
  const list = [...figures.values()];
  const where = machine();
  const date = new Date().toISOString().slice(0, 10);

  const summary = [
    `Measured ${date} on ${where}; a shared machine, load average ${loadBefore} before and ${loadAfter} after (1 / 5 / 15 min); a fixed CPU loop (bench/measure.ts \`cpuReference\`, the same work on any machine) took ${speedBefore} ms before and ${speedAfter} ms after: a slow loop means a busy host, which the load average does not see; a usual one does not rule a busy host out (the loop times one core, the runs use both).`,
    "",
    figuresTable(list),
  ].join("\n");
  const page = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/bench.ts); do not edit by hand. ${quick ? "Quick mode." : `Full mode: ${runs} runs per case, round-robin, after one unmeasured warm-up run of \`npm run synth\`, \`npm run verify\`, \`npm run export\` and the baseline.`}`,
    "",
    summary,
    "",
    "## Budgets (issue #6)",
    "",
    `A figure over budget is \`missed\`; more than ${WIDE_MARGIN}× its budget, \`failed\`, and the bench exits 1.`,
    "",
    budgetTable(budgets),
    "",
    "## Growth with the consumer count",
    "",
    "Least-squares lines through the median times and peak memory of the generated configs (N consumers as 1 service × N, or 10 services × N/10), and the time each added consumer costs between measured points. Constant per-consumer cost means linear growth.",
    "",
    scalingTable(list),
    "",
    "![Synth time and memory against the consumer count](synth-scaling.svg)",
    "",
    "## What is measured",
    "",
    "- **`npm run synth`**: exactly that command, from the repository root, with `PRIVATELINK_CONFIG` naming the config and `CDKTF_OUTDIR` a temporary directory. It includes npm's own start-up and the whole synth: loading the bundle, validating the config, building the stacks and writing them. The bundle and its code cache are already built (the warm-up run), as they are after any first synth. `node scripts/run.js main.ts` (full mode) is the same synth without npm, to show npm's share.",
    "- **`npm run verify`** and **`npm run export`** at 1,000 consumers (10 services × 100, issue #13): verify judges the output of the 10 × 100 synth case (it runs after it in each round); export is the whole script, a synth of the same config and then the plain Terraform export (no read-back: that is `--check`'s), into a temporary `EXPORT_DIR`. Its budget is what it takes past that synth's median.",
    "- **Baseline**: `npx ts-node bench/baseline/main.ts` on the default config: the same topology written as the cdktf TypeScript template leads one to (one main.ts, provider classes from the root of `@cdktf/provider-aws`), run as the template's cdktf.json runs it, type-checking with the template's tsconfig. It does not validate the config, so it does less work than `npm run synth`. The bench checks that it synthesizes the same Terraform as `npm run synth` (all resources, data sources, providers and outputs; only cdktf's `//` metadata differs) and fails if not.",
    "- **`npm test`** (full mode), three times cold, each followed by a warm run (the median of each): the type-check, the lint and the jest suite side by side, as `npm test` runs them. Cold means with no caches, as on a fresh clone after `npm ci`: node_modules/.cache (jest's transforms, tsc's build info, prettier's cache, the suites' bundles, the Mermaid render's result) is removed first. Warm is the run right after it, with those caches filled; in it the browser render of the pictures is taken from its cache when the pictures are unchanged (test-support/browser.ts). CI always renders.",
    "- **Time**: wall time from spawn to exit, as the bench sees it; the median of the runs. **Peak RSS**: the largest maximum resident set of any Node process of the command (npm and the synth it starts), as GNU time's `%M` reports it, recorded by bench/max-rss.js; the median of the runs. MiB = 1,048,576 bytes.",
    "- Generated configs (bench/generate.ts): services in different regions, consumers spread over all 34 commercial regions, one /22 and two route tables each; they pass the validator (with the quota warnings beyond 50 peerings).",
    "",
    "## Where the time goes",
    "",
    "- A fixed part: npm's start-up, Node's, loading the bundle (cdktf, zod, the provider classes) and writing the files. It is most of the default config's time.",
    "- Per consumer, seven Terraform elements in these configs (peering, accepter, three routes, an ingress rule, an output) and its entries in the zone and the `topology` output; per service, about 20 more and one provider per region. Most of their cost is cdktf's token resolution, which walks every attribute of every element, unset ones included, twice (each element, then the whole stack), then its JSON building and writing. That is why time grows linearly, and why, at 10 and 100 consumers, 10 services of N/10 consumers cost a little more than 1 of N. Cutting it further would mean changing cdktf itself.",
    "- Peak RSS is V8's heap, which it grows in steps. One stack's whole JSON is built and merged at once before it is written, so one service of 1,000 consumers needs more memory (and some time with it: a bigger heap to collect) than ten services written one by one; all stay far under the budgets.",
    "",
  ].join("\n");

  process.stdout.write(
    `\n${summary}\n\n${budgetTable(budgets)}\n\n${scalingTable(list)}\n\n`,
  );
  if (!same) {
    process.stderr.write(
      `The baseline's Terraform differs from npm run synth's at: ${differences(ours, theirs).join(", ")}\n`,
    );
  } else {
    process.stderr.write(
      "The baseline synthesizes the same Terraform as npm run synth (default config).\n",
    );
  }

  if (!quick) {
    const written = await publish(ROOT, {
      results: page,
      svg: await renderSvg(
        chartSpec(
          chartPoints(list),
          `${cpus().length} cores, Node ${process.version}, ${date}, a shared machine; machine and figures: results.md`,
        ),
      ),
      tables: `${summary}\n\n${budgetTable(budgets)}`,
    });
    process.stderr.write(`wrote ${written.join(", ")}\n`);
  }
  rmSync(work, { recursive: true, force: true });

  for (const b of failed)
    process.stderr.write(
      `FAILED: ${b.rule} (more than ${WIDE_MARGIN}x the budget)\n`,
    );
  if (!same || failed.length > 0) process.exitCode = 1;
}

if (!existsSync(join(ROOT, "bench", "max-rss.js"))) {
  process.stderr.write("run from the repository root: npm run bench\n");
  process.exit(2);
}
main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
