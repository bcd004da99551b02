/**
 * From samples to figures, budgets and the results page. Pure functions:
 * no measuring here, so the tests can feed them figures.
 */
import type { Sample } from "./measure";

export type Layout = "default config" | "1 service" | "10 services";

export interface Case {
  /** `default`, `1x100`, `10x10`, `baseline`, `npm-test`. */
  readonly id: string;
  readonly label: string;
  /** The command as the results show it, and as it is run. */
  readonly command: string;
  readonly runs: number;
  /** Set for the synth cases: where the point goes on the chart. */
  readonly layout?: Layout;
  readonly consumers?: number;
  /** The synth case whose config and output the command reads (verify). */
  readonly reads?: string;
  /**
   * Run with no caches, as on a fresh clone: node_modules/.cache (jest's
   * transforms, tsc's build info, prettier's cache, the suites' bundles,
   * the Mermaid render's result) is removed before each run.
   */
  readonly cold?: boolean;
}

export interface Figures {
  readonly case: Case;
  readonly runs: number;
  /** Median wall time, seconds. */
  readonly seconds: number;
  readonly fastest: number;
  readonly slowest: number;
  /** Median peak RSS, MiB. */
  readonly mib: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function figuresOf(
  benchCase: Case,
  samples: readonly Sample[],
): Figures {
  const seconds = samples.map((s) => s.seconds);
  return {
    case: benchCase,
    runs: samples.length,
    seconds: median(seconds),
    fastest: Math.min(...seconds),
    slowest: Math.max(...seconds),
    mib: median(samples.map((s) => s.mib)),
  };
}

/** A budget from issue #6, checked against the figures of one run of the bench. */
export interface Budget {
  readonly rule: string;
  readonly limit: number;
  readonly unit: "%" | "x" | "s" | "MiB";
  /** Undefined when its case was not measured (e.g. npm test in quick mode). */
  readonly value?: number;
}

/**
 * `met` within the budget; `missed` beyond it; `failed` beyond `margin`
 * times it, the wide margin at which the bench exits non-zero, so that a
 * noisy machine does not fail CI.
 */
export type Verdict = "met" | "missed" | "failed" | "not measured";

export const WIDE_MARGIN = 2;

export function verdictOf(budget: Budget, margin = WIDE_MARGIN): Verdict {
  if (budget.value === undefined) return "not measured";
  if (budget.value <= budget.limit) return "met";
  return budget.value > budget.limit * margin ? "failed" : "missed";
}

/** The budgets of issue #6 for the figures at hand, by case id. */
export function budgetsOf(figures: ReadonlyMap<string, Figures>): Budget[] {
  const at = (id: string) => figures.get(id);
  const ratio = (a?: Figures, b?: Figures) =>
    a && b ? a.seconds / b.seconds : undefined;
  const base = at("baseline");
  const synth = at("default");
  const budgets: Budget[] = [
    {
      rule: "default config: time at most 6% of the baseline's",
      limit: 6,
      unit: "%",
      value: synth && base ? (100 * synth.seconds) / base.seconds : undefined,
    },
    {
      rule: "default config: peak memory at most 120 MiB",
      limit: 120,
      unit: "MiB",
      value: synth?.mib,
    },
  ];
  for (const id of ["1x100", "10x10"]) {
    const shape = id === "1x100" ? "1 service" : "10 services";
    budgets.push(
      {
        rule: `100 consumers (${shape}): time at most 2x the default's`,
        limit: 2,
        unit: "x",
        value: ratio(at(id), synth),
      },
      {
        rule: `100 consumers (${shape}): peak memory at most 200 MiB`,
        limit: 200,
        unit: "MiB",
        value: at(id)?.mib,
      },
    );
  }
  budgets.push(
    {
      rule: "1,000 consumers (10 services): time under 5 s",
      limit: 5,
      unit: "s",
      value: at("10x100")?.seconds,
    },
    {
      rule: "1,000 consumers (10 services): peak memory under 400 MiB",
      limit: 400,
      unit: "MiB",
      value: at("10x100")?.mib,
    },
    {
      rule: "npm run verify, 1,000 consumers (10 services): at most 1 s",
      limit: 1,
      unit: "s",
      value: at("verify-10x100")?.seconds,
    },
    {
      // The script synthesizes first: the export's part is what is left.
      rule: "npm run export, 1,000 consumers (10 services): at most 3 s past its synth",
      limit: 3,
      unit: "s",
      value:
        at("export-10x100") && at("10x100")
          ? (at("export-10x100") as Figures).seconds -
            (at("10x100") as Figures).seconds
          : undefined,
    },
    {
      rule: "npm test, cold (no caches, as on a fresh clone): at most 40 s",
      limit: 40,
      unit: "s",
      value: at("npm-test-cold")?.seconds,
    },
    {
      rule: "npm test, warm (right after another): at most 20 s",
      limit: 20,
      unit: "s",
      value: at("npm-test")?.seconds,
    },
  );
  return budgets;
}

export interface LinearFit {
  /** Value at zero consumers. */
  readonly intercept: number;
  /** Cost of one more consumer. */
  readonly slope: number;
  /** Coefficient of determination: 1 is a perfect line. */
  readonly r2: number;
}

/** Least-squares line through the points (at least two distinct x). */
export function linearFit(
  points: readonly { readonly x: number; readonly y: number }[],
): LinearFit {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (sxx === 0) throw new Error("a line needs two distinct x values");
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residual = points.reduce(
    (sum, p) => sum + (p.y - (intercept + slope * p.x)) ** 2,
    0,
  );
  return { intercept, slope, r2: syy === 0 ? 1 : 1 - residual / syy };
}

/** The synth figures of one layout, by consumer count. */
export function series(
  figures: Iterable<Figures>,
  layout: Layout,
): { readonly consumers: number; readonly figures: Figures }[] {
  return [...figures]
    .filter((f) => f.case.layout === layout && f.case.consumers !== undefined)
    .map((f) => ({ consumers: f.case.consumers as number, figures: f }))
    .sort((a, b) => a.consumers - b.consumers);
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

function formatValue(value: number, unit: Budget["unit"]): string {
  switch (unit) {
    case "%":
      return `${fixed(value, 1)}%`;
    case "x":
      return `${fixed(value, 2)}x`;
    case "s":
      return `${fixed(value, 2)} s`;
    case "MiB":
      return `${fixed(value, 0)} MiB`;
  }
}

/** The figures as a markdown table, each with its ratio to the baseline. */
export function figuresTable(figures: readonly Figures[]): string {
  const base = figures.find((f) => f.case.id === "baseline");
  const rows = figures.map((f) => {
    const vs = (value: number, of?: number) =>
      base && of ? `${fixed((100 * value) / of, 1)}%` : "";
    return [
      f.case.label,
      `\`${f.case.command}\``,
      String(f.runs),
      fixed(f.seconds, 2),
      `${fixed(f.fastest, 2)}–${fixed(f.slowest, 2)}`,
      f.case.command === "npm test" ? "" : vs(f.seconds, base?.seconds),
      fixed(f.mib, 0),
      f.case.command === "npm test" ? "" : vs(f.mib, base?.mib),
    ];
  });
  return table(
    [
      "Case",
      "Command",
      "Runs",
      "Median time (s)",
      "Fastest–slowest (s)",
      "Time vs baseline",
      "Peak RSS (MiB)",
      "RSS vs baseline",
    ],
    rows,
  );
}

export function budgetTable(budgets: readonly Budget[]): string {
  return table(
    ["Budget", "Measured", "Verdict"],
    budgets.map((b) => [
      b.rule,
      b.value === undefined ? "" : formatValue(b.value, b.unit),
      verdictOf(b),
    ]),
  );
}

/** How time and memory grow with the consumer count, per layout. */
export function scalingTable(figures: readonly Figures[]): string {
  const rows: string[][] = [];
  for (const layout of ["1 service", "10 services"] as const) {
    const points = series(figures, layout);
    if (points.length < 2) continue;
    const time = linearFit(
      points.map((p) => ({ x: p.consumers, y: p.figures.seconds })),
    );
    const memory = linearFit(
      points.map((p) => ({ x: p.consumers, y: p.figures.mib })),
    );
    const steps = points
      .slice(1)
      .map((p, i) => {
        const q = points[i];
        const ms =
          (1000 * (p.figures.seconds - q.figures.seconds)) /
          (p.consumers - q.consumers);
        return `${q.consumers}→${p.consumers}: ${fixed(ms, 2)}`;
      })
      .join("; ");
    rows.push([
      layout,
      points.map((p) => p.consumers).join(", "),
      `${fixed(time.intercept, 2)} s + ${fixed(1000 * time.slope, 2)} ms × N (R² ${fixed(time.r2, 3)})`,
      steps,
      `${fixed(memory.intercept, 0)} MiB + ${fixed(1024 * memory.slope, 0)} KiB × N (R² ${fixed(memory.r2, 3)})`,
    ]);
  }
  return table(
    [
      "Layout",
      "Consumers N",
      "Time, least squares",
      "Time per added consumer, between points (ms)",
      "Peak RSS, least squares",
    ],
    rows,
  );
}

function table(header: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join(
    "\n",
  );
}

/** The page `npm run bench` writes its tables into (never the README). */
export const TABLES_PAGE = "docs/performance.md";
export const TABLES_START = "<!-- bench:start -->";
export const TABLES_END = "<!-- bench:end -->";

/** `page` with the text between its bench markers replaced by `tables`. */
export function withBenchTables(page: string, tables: string): string {
  const start = page.indexOf(TABLES_START);
  const end = page.indexOf(TABLES_END);
  if (start < 0 || end < start)
    throw new Error(
      `${TABLES_PAGE} has no ${TABLES_START} … ${TABLES_END} block for the bench's tables`,
    );
  return `${page.slice(0, start + TABLES_START.length)}\n\n${tables}\n\n${page.slice(end)}`;
}
