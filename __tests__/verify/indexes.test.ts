/**
 * The per-stack indexes answer as a scan of every route or rule would:
 * verify judges the same routes and rules at any size, only faster.
 */
import { cidrContains, prefixLength } from "../../src/lib/cidr";
import { RouteTableIndex, RuleIndex } from "../../src/verify/checks/indexes";
import { IngressRule, Route } from "../../src/verify/model/network";

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** CIDRs crowded into 10.0.0.0/14, so that many nest; some not in network form. */
function cidrOf(next: () => number): string {
  const prefix = [0, 8, 14, 16, 16, 20, 22, 22, 24, 24, 28, 32][
    Math.floor(next() * 12)
  ];
  const third = Math.floor(next() * 4);
  const fourth = Math.floor(next() * 256);
  return `10.${third}.${Math.floor(next() * 4)}.${fourth}/${prefix}`;
}

const route = (destination: string | undefined, i: number) =>
  ({
    label: `aws_route.r${i}`,
    destination,
    destinationText: destination ?? "${var.x}",
  }) as Route;

test.each([1, 2, 3])(
  "a route table's index finds the routes a scan finds (seed %i)",
  (seed) => {
    const next = random(seed);
    const routes = Array.from({ length: 300 }, (_, i) =>
      route(next() < 0.05 ? undefined : cidrOf(next), i),
    );
    const index = new RouteTableIndex(routes);
    const literal = routes.filter((r) => r.destination);
    expect(index.unreadable).toHaveLength(routes.length - literal.length);
    for (let q = 0; q < 300; q++) {
      const destination = cidrOf(next);
      const covering = literal.filter((r) =>
        cidrContains(r.destination as string, destination),
      );
      const longest = Math.max(
        ...covering.map((r) => prefixLength(r.destination as string)),
      );
      expect(index.mostSpecific(destination)).toEqual(
        covering.filter(
          (r) => prefixLength(r.destination as string) === longest,
        ),
      );
      expect(index.inside(destination)).toEqual(
        literal.filter(
          (r) =>
            r.destination !== destination &&
            cidrContains(destination, r.destination as string),
        ),
      );
    }
  },
);

test("the most specific route wins, and every route inside is found, in table order", () => {
  const routes = ["10.0.0.0/8", "10.1.0.0/16", "10.1.0.0/24", "10.1.0.1/16"];
  const index = new RouteTableIndex(routes.map(route));
  expect(index.mostSpecific("10.1.0.0/20").map((r) => r.destination)).toEqual([
    "10.1.0.0/16",
    "10.1.0.1/16",
  ]);
  expect(index.inside("10.1.0.0/16").map((r) => r.destination)).toEqual([
    "10.1.0.0/24",
    "10.1.0.1/16",
  ]);
  expect(index.mostSpecific("192.168.0.0/24")).toEqual([]);
});

test("a rule index finds the rules with a CIDR holding the source, in order", () => {
  const next = random(7);
  const rules: IngressRule[] = Array.from({ length: 200 }, (_, i) => ({
    label: `rule ${i}`,
    cidrs: Array.from({ length: Math.floor(next() * 3) }, () => cidrOf(next)),
    protocol: "tcp",
    from: 443,
    to: 443,
  }));
  const index = new RuleIndex(rules);
  for (let q = 0; q < 300; q++) {
    const source = cidrOf(next);
    expect(index.applicable(source)).toEqual(
      rules.filter((rule) =>
        rule.cidrs.some((cidr) => cidrContains(cidr, source)),
      ),
    );
  }
});
