/**
 * The test harness's own set-up (jest.config.js): cdktf's token stack-trace
 * capture is the same stub under jest as in the synth bundle
 * (scripts/bundle.js), so tests build stacks as `npm run synth` does, and
 * fast. These tests keep that mapping whole across upgrades: every require
 * of the module is matched, and it exports only what the stub does.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { Lazy } from "cdktf";
import { ROOT } from "../../test-support/fixtures";

const STUB = "scripts/stubs/stack-trace.js";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require("../../jest.config.js");
const mapper = Object.entries(
  jestConfig.moduleNameMapper as Record<string, string>,
).find(([, target]) => target === `<rootDir>/${STUB}`);

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
}

const packages = ["cdktf/lib", "constructs/lib"].map((p) =>
  join(ROOT, "node_modules", p),
);

test("jest maps the stack-trace module to the synth bundle's stub", () => {
  expect(mapper).toBeDefined();
  // The bundle's own mapping names the same file.
  expect(readFileSync(join(ROOT, "scripts/bundle.js"), "utf8")).toContain(
    'stackTrace: join(__dirname, "stubs", "stack-trace.js")',
  );
});

test("every require of a stack-trace module in cdktf and constructs is mapped, and nothing else is", () => {
  const pattern = new RegExp(mapper![0]);
  const sites: string[] = [];
  const unmapped: string[] = [];
  for (const file of packages.flatMap(jsFiles)) {
    for (const [, request] of readFileSync(file, "utf8").matchAll(
      /require\("([^"]+)"\)/g,
    )) {
      const isStackTrace = /(^|\/)stack-trace$/.test(request);
      if (isStackTrace) sites.push(`${relative(ROOT, file)}: ${request}`);
      if (isStackTrace !== pattern.test(request))
        unmapped.push(`${relative(ROOT, file)}: ${request}`);
    }
  }
  expect(unmapped).toEqual([]);
  // Lazy, Intrinsic, the dynamic blocks and constructs' metadata.
  expect(sites.length).toBeGreaterThanOrEqual(5);
});

test("the modules it replaces export only captureStackTrace", () => {
  for (const dir of packages) {
    for (const file of jsFiles(dir).filter((f) =>
      f.endsWith("/stack-trace.js"),
    )) {
      const exported = [
        ...new Set(
          [...readFileSync(file, "utf8").matchAll(/exports\.(\w+) =/g)].map(
            (m) => m[1],
          ),
        ),
      ];
      expect({ file: relative(ROOT, file), exported }).toEqual({
        file: relative(ROOT, file),
        exported: ["captureStackTrace"],
      });
    }
  }
});

test("a token has no creation stack, as in the synth bundle", () => {
  const token = Lazy.stringValue({ produce: () => "x" });
  // The token string stands for the Lazy; find it back through the map.
  const resolvable = (
    jest.requireActual("cdktf/lib/tokens/private/token-map") as {
      TokenMap: {
        instance(): { lookupString(s: string): { creationStack: string[] } };
      };
    }
  ).TokenMap.instance().lookupString(token);
  expect(resolvable.creationStack).toEqual([]);
});

test("the set-up registers what Testing.setupJest() does: cdktf's matchers, by the adapter's path", () => {
  const setup = readFileSync(join(ROOT, "test-support/setup.js"), "utf8");
  expect(setup).toContain('require("cdktf/lib/testing/adapters/jest")');
  expect(
    readFileSync(join(ROOT, "node_modules/cdktf/lib/testing/index.js"), "utf8"),
  ).toMatch(/static setupJest\(\) \{\s*\(0, jest_1\.setupJest\)\(\);\s*\}/);
  for (const matcher of [
    "toHaveResourceWithProperties",
    "toHaveDataSourceWithProperties",
    "toHaveProviderWithProperties",
    "toBeValidTerraform",
    "toPlanSuccessfully",
  ])
    expect(typeof (expect as unknown as Record<string, unknown>)[matcher]).toBe(
      "function",
    );
});
