/**
 * A hostname whose zone is a registrable domain (issue 12, item 6): the
 * private zone would shadow every other name of that domain in the consumer
 * VPCs, so it gets a warning unless the service lists it in
 * `intendedApexZones`.
 */
import {
  problemsOf,
  rawConfig,
  rawService,
  warningsOf,
} from "../../test-support/configs";

const withNames = (
  dnsNames: string[],
  overrides: Record<string, unknown> = {},
) => rawConfig(rawService({ dnsNames, ...overrides }));

describe("a zone that is a registrable domain gets a warning", () => {
  test("example.com: names the service, hostname, zone, suffix, what it shadows and the opt-in", () => {
    const config = withNames(["example.com"]);
    expect(problemsOf(config)).toEqual([]);
    expect(warningsOf(config)).toEqual([
      'service "internal-api": hostname "example.com" makes the private zone "example.com", which is the registrable domain (public suffix "com"): inside the consumer VPCs it shadows every other name of example.com (www.example.com, for one, stops resolving publicly there); if that is intended, list "example.com" in the service\'s intendedApexZones',
    ]);
  });

  test("*.example.com: the wildcard's zone is example.com", () => {
    expect(warningsOf(withNames(["*.example.com"]))).toEqual([
      expect.stringMatching(
        /^service "internal-api": hostname "\*\.example\.com" makes the private zone "example\.com", which is the registrable domain \(public suffix "com"\)/,
      ),
    ]);
  });

  test("example.com and *.example.com share one zone: one warning naming both", () => {
    expect(warningsOf(withNames(["example.com", "*.example.com"]))).toEqual([
      expect.stringContaining(
        'hostnames "example.com" and "*.example.com" make the private zone "example.com"',
      ),
    ]);
  });

  test("example.co.uk: a two-label public suffix", () => {
    expect(warningsOf(withNames(["example.co.uk"]))).toEqual([
      expect.stringContaining(
        'the private zone "example.co.uk", which is the registrable domain (public suffix "co.uk")',
      ),
    ]);
  });

  test("myapp.github.io: registrable under the list's private section", () => {
    expect(warningsOf(withNames(["myapp.github.io"]))).toEqual([
      expect.stringContaining(
        'which is the registrable domain (public suffix "github.io", from the private section of the public suffix list)',
      ),
    ]);
  });

  test("co.uk: a zone that is a public suffix itself shadows every domain under it", () => {
    expect(warningsOf(withNames(["co.uk"]))).toEqual([
      expect.stringContaining(
        'the private zone "co.uk", which is a public suffix (from the ICANN section of the public suffix list): inside the consumer VPCs it shadows every other name of co.uk (example.co.uk, for one,',
      ),
    ]);
  });

  test("corp.internal: a top-level domain off the list counts as a public suffix", () => {
    expect(warningsOf(withNames(["corp.internal"]))).toEqual([
      expect.stringContaining(
        'which is the registrable domain ("internal" is not on the public suffix list, so it counts as a public suffix)',
      ),
    ]);
  });

  test("api.example.com, *.data.example.com and ledger.corp.internal shadow only themselves: no warning", () => {
    expect(
      warningsOf(
        withNames([
          "api.example.com",
          "*.data.example.com",
          "ledger.corp.internal",
        ]),
      ),
    ).toEqual([]);
  });
});

describe("intendedApexZones", () => {
  test("silences exactly the zone it lists, by hostname or zone name", () => {
    const names = ["example.com", "example.org", "*.example.net"];
    const warnings = warningsOf(
      withNames(names, { intendedApexZones: ["example.com", "*.example.net"] }),
    );
    expect(warnings).toEqual([
      expect.stringContaining('the private zone "example.org"'),
    ]);
    expect(
      problemsOf(
        withNames(names, {
          intendedApexZones: ["example.com", "*.example.net"],
        }),
      ),
    ).toEqual([]);
  });

  test("fails when an entry is not a zone the service makes", () => {
    expect(
      problemsOf(
        withNames(["example.com"], {
          intendedApexZones: ["example.com", "example.org"],
        }),
      ),
    ).toEqual([
      'services[0].intendedApexZones[1]: got "example.org"; expected a zone this service makes from its dnsNames, written as the hostname or its zone (it makes "example.com")',
    ]);
  });

  test("fails when the service has no dnsNames", () => {
    expect(
      problemsOf(withNames([], { intendedApexZones: ["example.com"] })),
    ).toEqual([
      'services[0].intendedApexZones[0]: got "example.com"; expected a zone this service makes from its dnsNames, written as the hostname or its zone (it makes none, having no dnsNames)',
    ]);
  });

  test("fails when an entry is not a hostname", () => {
    expect(
      problemsOf(
        withNames(["example.com"], { intendedApexZones: ["Example.com!"] }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^services\[0\]\.intendedApexZones\[0\]: got "Example\.com!"; expected a lowercase DNS hostname/,
      ),
    ]);
  });
});
