/**
 * What the bench runs: the cases of each mode, and each case's command with
 * the config and directories it reads and writes.
 */
import { Command } from "./measure";
import { Case } from "./report";

export interface Plan {
  readonly synth: Case[];
  readonly baseline: Case;
  /** verify and export at fleet size; full mode: npm's share, npm test. */
  readonly others: Case[];
}

/** Runs of `npm test`, cold and warm, each (full mode). */
export const TEST_RUNS = 3;

const synthCase = (
  id: string,
  label: string,
  runs: number,
  layout: Case["layout"],
  consumers: number,
): Case => ({ id, label, command: "npm run synth", runs, layout, consumers });

export function plan(quick: boolean, runs: number, test: boolean): Plan {
  const synth = [
    synthCase(
      "default",
      "default config (1 service, 1 consumer)",
      runs,
      "default config",
      1,
    ),
  ];
  const sizes = quick ? [100, 1000] : [10, 100, 500, 1000];
  for (const n of sizes) {
    for (const services of [1, 10]) {
      const per = n / services;
      if (quick && n === 1000 && services === 1) continue;
      // Past 125 peered consumers one endpoint VPC is AWS's hard maximum of
      // active peerings (L-7E9ECCDB): such a config is an error. Fleet size
      // is measured as 10 services.
      if (services === 1 && per > 125) continue;
      synth.push(
        synthCase(
          `${services}x${per}`,
          `${n.toLocaleString("en")} consumers: ${services} service${services > 1 ? "s" : ""} × ${per}`,
          // 1,000 consumers take seconds: one run is enough for the quick check.
          quick && n === 1000 ? 1 : runs,
          services === 1 ? "1 service" : "10 services",
          n,
        ),
      );
    }
  }
  // What a user runs after a fleet-size synth, on the 10 × 100 config.
  const fleet = synth.find((c) => c.id === "10x100") as Case;
  const others: Case[] = [
    {
      id: "verify-10x100",
      label: "verify, 1,000 consumers: 10 services × 100",
      command: "npm run verify",
      runs: fleet.runs,
      reads: fleet.id,
    },
    {
      id: "export-10x100",
      label: "export, 1,000 consumers: 10 services × 100 (synth, then export)",
      command: "npm run export",
      runs: fleet.runs,
    },
  ];
  if (!quick)
    others.push({
      id: "default-node",
      label: "default config, without npm",
      command: "node scripts/run.js main.ts",
      runs,
    });
  // Cold first in each round: the warm run finds the caches the cold one
  // filled. Three of each, for a median: one run of a half-minute command
  // on a shared machine says more about the machine's spell than the suite.
  if (test)
    others.push(
      {
        id: "npm-test-cold",
        label: "npm test, cold",
        command: "npm test",
        runs: TEST_RUNS,
        cold: true,
      },
      {
        id: "npm-test",
        label: "npm test, warm",
        command: "npm test",
        runs: TEST_RUNS,
      },
    );
  return {
    synth,
    baseline: {
      id: "baseline",
      label: "baseline: template style, default config",
      command: "npx ts-node bench/baseline/main.ts",
      runs: quick ? 1 : runs,
    },
    others,
  };
}

/** Runs the case's command as written: `npm run synth`, `npx ts-node …`, … */
export function commandOf(
  root: string,
  benchCase: Case,
  config: string,
  outdir: string,
  exportDir: string,
): Command {
  const [file, ...args] = benchCase.command.split(" ");
  return {
    display: benchCase.command,
    file: file === "node" ? process.execPath : file,
    args,
    cwd: root,
    env:
      benchCase.command === "npm test"
        ? {}
        : {
            PRIVATELINK_CONFIG: config,
            CDKTF_OUTDIR: outdir,
            EXPORT_DIR: exportDir,
          },
  };
}
