/**
 * The benchmark's own logic: the config generator and the budget verdicts
 * (the measuring itself runs in `npm run bench`).
 */
import { generateConfig } from "../../bench/generate";
import { TEST_RUNS, plan } from "../../bench/plan";
import {
  Budget,
  Case,
  Figures,
  budgetsOf,
  linearFit,
  median,
  verdictOf,
} from "../../bench/report";
import { validateConfig } from "../../src/config";
import { cidrFacts } from "../../src/lib/cidr";
import { COMMERCIAL_REGIONS } from "../../src/lib/regions";

describe("generated configs", () => {
  test.each([
    [10, 100],
    [1, 100],
  ])(
    "%i service(s) × %i consumers pass the validator, with quota warnings only",
    (services, consumersPerService) => {
      const result = validateConfig(
        generateConfig({ services, consumersPerService }),
      );
      expect(result.ok ? [] : result.problems).toEqual([]);
      // Per service: inbound rules, peerings, routes past their defaults.
      expect(result.warnings).toHaveLength(3 * services);
      expect(result.warnings.every((w) => /default quota/.test(w))).toBe(true);
    },
  );

  test("1 service × 1,000 peered consumers is refused: past 125 peerings, AWS's hard maximum", () => {
    const result = validateConfig(
      generateConfig({ services: 1, consumersPerService: 1000 }),
    );
    expect(result.ok).toBe(false);
  });

  test("no two consumers of any services overlap or share a VPC or route table", () => {
    const consumers = generateConfig({
      services: 10,
      consumersPerService: 100,
    }).services.flatMap((s) => s.consumers);
    const blocks = consumers
      .flatMap((c) => c.cidrs)
      .map((cidr) => cidrFacts(cidr) ?? { start: -1n, end: -1n })
      .sort((a, b) => (a.start < b.start ? -1 : 1));
    blocks.slice(1).forEach((block, i) => {
      expect(block.start).toBeGreaterThan(blocks[i].end);
    });
    const ids = consumers.flatMap((c) => [c.vpcId, ...c.routeTableIds]);
    expect(new Set(ids).size).toBe(3000);
    expect(new Set(consumers.map((c) => c.region))).toEqual(
      new Set(COMMERCIAL_REGIONS),
    );
  });

  test("the same options give the same config; impossible sizes are refused", () => {
    const options = { services: 3, consumersPerService: 7 };
    expect(generateConfig(options)).toEqual(generateConfig(options));
    expect(() =>
      generateConfig({ services: 1, consumersPerService: 20000 }),
    ).toThrow(/at most/);
  });
});

describe("budgets", () => {
  const budget = (value?: number): Budget => ({
    rule: "r",
    limit: 5,
    unit: "s",
    value,
  });

  test("a figure within its budget meets it; over it misses; beyond twice it fails", () => {
    expect(verdictOf(budget(5))).toBe("met");
    expect(verdictOf(budget(9.9))).toBe("missed");
    expect(verdictOf(budget(10.1))).toBe("failed");
    expect(verdictOf(budget(undefined))).toBe("not measured");
  });

  test("ratios are taken to the baseline and to the default synth", () => {
    const figure = (id: string, seconds: number, mib: number): Figures => ({
      case: { id, label: id, command: "", runs: 1 } as Case,
      runs: 1,
      seconds,
      fastest: seconds,
      slowest: seconds,
      mib,
    });
    const figures = new Map(
      [
        figure("baseline", 10, 1400),
        figure("default", 0.5, 70),
        figure("1x100", 1.2, 90),
        figure("10x10", 0.9, 95),
        figure("10x100", 3, 130),
      ].map((f) => [f.case.id, f]),
    );
    const byRule = Object.fromEntries(
      budgetsOf(figures).map((b) => [b.rule, [b.value, verdictOf(b)]]),
    );
    expect(byRule["default config: time at most 6% of the baseline's"]).toEqual(
      [5, "met"],
    );
    expect(
      byRule["100 consumers (1 service): time at most 2x the default's"],
    ).toEqual([2.4, "missed"]);
    expect(
      byRule["100 consumers (10 services): time at most 2x the default's"],
    ).toEqual([1.8, "met"]);
    expect(
      byRule["1,000 consumers (10 services): peak memory under 400 MiB"],
    ).toEqual([130, "met"]);
    expect(
      byRule["npm test, cold (no caches, as on a fresh clone): at most 40 s"],
    ).toEqual([undefined, "not measured"]);
    expect(
      byRule["npm test, warm (right after another): at most 20 s"],
    ).toEqual([undefined, "not measured"]);
  });

  test("verify is judged on its own time; export on the time past the synth its script runs first", () => {
    const figure = (id: string, seconds: number): Figures => ({
      case: { id, label: id, command: "", runs: 1 } as Case,
      runs: 1,
      seconds,
      fastest: seconds,
      slowest: seconds,
      mib: 100,
    });
    const byRule = (figures: Figures[]) =>
      Object.fromEntries(
        budgetsOf(new Map(figures.map((f) => [f.case.id, f]))).map((b) => [
          b.rule,
          [b.value, verdictOf(b)],
        ]),
      );
    const verify = "npm run verify, 1,000 consumers (10 services): at most 1 s";
    const exported =
      "npm run export, 1,000 consumers (10 services): at most 3 s past its synth";
    const measured = byRule([
      figure("10x100", 3),
      figure("verify-10x100", 1.5),
      figure("export-10x100", 5.5),
    ]);
    expect(measured[verify]).toEqual([1.5, "missed"]);
    expect(measured[exported]).toEqual([2.5, "met"]);
    // Without the synth's figure there is nothing to take away.
    expect(byRule([figure("export-10x100", 5.5)])[exported]).toEqual([
      undefined,
      "not measured",
    ]);
  });
});

test("median and least squares", () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  const fit = linearFit([1, 10, 100, 1000].map((x) => ({ x, y: 0.4 + 2 * x })));
  expect(fit.intercept).toBeCloseTo(0.4);
  expect(fit.slope).toBeCloseTo(2);
  expect(fit.r2).toBeCloseTo(1);
  expect(
    linearFit([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 0 },
    ]).r2,
  ).toBeCloseTo(0);
});

test("the full bench times npm test three times cold, each run followed by a warm one; --no-test (and --quick) not at all", () => {
  const { others } = plan(false, 5, true);
  const ids = others.map((c) => c.id);
  const cold = others.find((c) => c.id === "npm-test-cold");
  expect(cold).toMatchObject({ command: "npm test", cold: true, runs: 3 });
  expect(TEST_RUNS).toBe(3);
  // Each round runs the cases in this order: the warm one right after.
  expect(ids.indexOf("npm-test")).toBe(ids.indexOf("npm-test-cold") + 1);
  expect(others.find((c) => c.id === "npm-test")).toMatchObject({
    command: "npm test",
    runs: 3,
  });
  expect(others.find((c) => c.id === "npm-test")?.cold).toBeUndefined();
  expect(
    plan(false, 5, false).others.filter((c) => c.command === "npm test"),
  ).toEqual([]);
});
