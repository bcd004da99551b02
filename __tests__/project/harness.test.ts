/**
 * The test harness's own set-up.
 *
 * - jest.config.js: cdktf's token stack-trace capture is the same stub under
 *   jest as in the synth bundle (scripts/bundle.js), so tests build stacks
 *   as `npm run synth` does, and fast. These tests keep that mapping whole
 *   across upgrades: every require of the module is matched, and it exports
 *   only what the stub does.
 * - A run keeps what it writes under os.tmpdir() in one directory of its
 *   own, removed when it ends.
 * - The type-check (scripts/typecheck.js) is TypeScript 7's native tsc, a
 *   full check whenever the dependencies changed; the lint's rules
 *   (.oxlintrc.json) catch what they are there for.
 * - The suites' bundles come from a cache keyed by everything a build read.
 * - jest's runtime is test-support/runtime.js, which compiles each module
 *   once per worker: these tests fail if its patch of jest-runtime stops
 *   applying, and hold what it must keep (a module's own exports and line
 *   numbers; `import(` and syntax errors left to jest).
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { Lazy, Testing } from "cdktf";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { typecheck } = require("../../scripts/typecheck.js");
import { buildStacks } from "../../src/app";
import {
  ROOT,
  defaultRawConfig,
  testingSynth,
  validConfig,
} from "../../test-support/fixtures";
import { fleet } from "../../test-support/fleet";
import {
  bundleCacheEnabled,
  bundleKey,
  cachedBundle,
} from "../../test-support/run";

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

test("archiver is the synth bundle's stub as well, and cdktf's only require of it is that", () => {
  expect(jestConfig.moduleNameMapper["^archiver$"]).toBe(
    "<rootDir>/scripts/stubs/archiver.js",
  );
  expect(readFileSync(join(ROOT, "scripts/bundle.js"), "utf8")).toContain(
    'archiver: join(__dirname, "stubs", "archiver.js")',
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(() => require("archiver")()).toThrow(/archiver is stubbed out/);
  const requires = jsFiles(join(ROOT, "node_modules/cdktf/lib")).flatMap(
    (file) =>
      [
        ...readFileSync(file, "utf8").matchAll(/require\("(archiver[^"]*)"\)/g),
      ].map((m) => `${relative(ROOT, file)}: ${m[1]}`),
  );
  expect(requires).toEqual(["node_modules/cdktf/lib/private/fs.js: archiver"]);
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

describe("the run's temporary directory", () => {
  const dir = process.env.PRIVATELINK_TEST_TMPDIR;

  test("os.tmpdir() is one directory of this run's, in the workers and in the processes they start", () => {
    expect(dir).toMatch(/[/\\]privatelink-test-[^/\\]+$/);
    expect(tmpdir()).toBe(dir);
    expect(existsSync(dir!)).toBe(true);
    // cdktf's Testing.app() makes its outdir there, and never removes it.
    expect(dirname(Testing.app().outdir)).toBe(dir);
    const child = spawnSync(
      process.execPath,
      ["-e", "process.stdout.write(require('node:os').tmpdir())"],
      { encoding: "utf8" },
    );
    expect(child.stdout).toBe(dir);
  });

  test("the teardown removes it with everything in it", async () => {
    const run = mkdtempSync(join(dir!, "privatelink-test-"));
    mkdirSync(join(run, "cdktf.outdir.x"));
    writeFileSync(join(run, "cdktf.outdir.x", "cdk.tf.json"), "{}");
    const saved = process.env.PRIVATELINK_TEST_TMPDIR;
    process.env.PRIVATELINK_TEST_TMPDIR = run;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await require("../../test-support/global-teardown.js")();
    } finally {
      process.env.PRIVATELINK_TEST_TMPDIR = saved;
    }
    expect(existsSync(run)).toBe(false);
    expect(existsSync(dir!)).toBe(true);
  });

  test("jest runs the set-up and the teardown", () => {
    expect(jestConfig.globalSetup).toBe(
      "<rootDir>/test-support/global-setup.js",
    );
    expect(jestConfig.globalTeardown).toBe(
      "<rootDir>/test-support/global-teardown.js",
    );
  });
});

describe("the type-check", () => {
  const root = mkdtempSync(join(tmpdir(), "typecheck-"));
  writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3}');
  const forced = () => typecheck(root).command.includes("--force");

  test("is TypeScript 7's native tsc -b, with its build info in node_modules/.cache, which npm ci wipes", () => {
    const { command } = typecheck(ROOT);
    expect(command.slice(1, 3)).toEqual([
      join(ROOT, "node_modules/typescript-native/bin/tsc"),
      "-b",
    ]);
    const native = JSON.parse(
      readFileSync(
        join(ROOT, "node_modules/typescript-native/package.json"),
        "utf8",
      ),
    );
    expect(native.name).toBe("typescript");
    expect(native.version).toMatch(/^7\./);
    const { compilerOptions } = JSON.parse(
      readFileSync(join(ROOT, "tsconfig.json"), "utf8"),
    );
    expect(compilerOptions).toMatchObject({
      noEmit: true,
      incremental: true,
      tsBuildInfoFile: "node_modules/.cache/tsc.tsbuildinfo",
    });
    const scripts = JSON.parse(
      readFileSync(join(ROOT, "package.json"), "utf8"),
    ).scripts;
    expect(scripts.typecheck).toBe("node scripts/typecheck.js");
    expect(readFileSync(join(ROOT, "scripts/test.js"), "utf8")).toContain(
      'require("./typecheck")',
    );
  });

  test("is forced, a full check, until a run passed on this package-lock.json", () => {
    expect(forced()).toBe(true);
    expect(forced()).toBe(true);
    typecheck(root).passed();
    expect(forced()).toBe(false);
  });

  test("is forced again when package-lock.json changes", () => {
    typecheck(root).passed();
    expect(forced()).toBe(false);
    writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3} ');
    expect(forced()).toBe(true);
    typecheck(root).passed();
    expect(forced()).toBe(false);
  });
});

describe("the native compiler", () => {
  // A project of two files, checked with the project's own options: the
  // platform's binary runs here, reads tsconfig.json's options as they are
  // and fails on a type error, as npm test relies on.
  test("runs here, takes tsconfig.json's options and fails a type error with its file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "typecheck-native-"));
    const { compilerOptions } = JSON.parse(
      readFileSync(join(ROOT, "tsconfig.json"), "utf8"),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          ...compilerOptions,
          incremental: false,
          tsBuildInfoFile: undefined,
          types: [],
        },
        include: ["*.ts"],
      }),
    );
    writeFileSync(join(dir, "good.ts"), "export const port: number = 443;\n");
    const tsc = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [join(ROOT, "node_modules/typescript-native/bin/tsc"), ...args],
        { cwd: dir, encoding: "utf8" },
      );
    const passing = tsc("-p", ".");
    expect(passing.stdout + passing.stderr).toBe("");
    expect(passing.status).toBe(0);
    writeFileSync(
      join(dir, "bad.ts"),
      'import { port } from "./good";\nexport const name: string = port;\n',
    );
    const failing = tsc("-p", ".");
    expect(failing.status).not.toBe(0);
    expect(failing.stdout).toContain(
      "bad.ts(2,14): error TS2322: Type 'number' is not assignable to type 'string'.",
    );
  });
});

describe("the lint", () => {
  // eslint's and typescript-eslint's recommended rules, as oxlint runs
  // them (.oxlintrc.json), with the project's own settings on top.
  test("oxlint with .oxlintrc.json: the recommended rules, _-names allowed, no-undef in JavaScript, eslint-disable comments honoured", () => {
    const dir = mkdtempSync(join(tmpdir(), "lint-"));
    writeFileSync(
      join(dir, "a.ts"),
      [
        'import { join } from "node:path";',
        "export let port = 443;",
        "// eslint-disable-next-line @typescript-eslint/no-require-imports",
        'export const fs = require("node:fs");',
        'export const os = require("node:os");',
        "export const anything: any = 1;",
        "export function f(_unused: number, [, _skipped]: number[]) {}",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "b.js"),
      'module.exports = () => missing + require("x") + process.pid + __dirname;\n',
    );
    const lint = spawnSync(
      process.execPath,
      [
        join(ROOT, "node_modules/oxlint/bin/oxlint"),
        "-c",
        join(ROOT, ".oxlintrc.json"),
        "--format",
        "unix",
        dir,
      ],
      { encoding: "utf8" },
    );
    expect(lint.status).toBe(1);
    const found = lint.stdout
      .split("\n")
      .flatMap((line) => {
        const m = /\/([ab]\.[jt]s):(\d+):\d+: .*\[Error\/(.+)\]$/.exec(line);
        return m ? [`${m[1]}:${m[2]} ${m[3]}`] : [];
      })
      .sort();
    expect(found).toEqual([
      "a.ts:1 eslint(no-unused-vars)",
      "a.ts:2 eslint(prefer-const)",
      "a.ts:5 typescript(no-require-imports)",
      "a.ts:6 typescript(no-explicit-any)",
      "b.js:1 eslint(no-undef)",
    ]);
  });
});

describe("the suites' bundles (test-support/run.ts)", () => {
  test("a cache key stands for every file the build read, the build's own files and the source files' names", () => {
    const root = mkdtempSync(join(tmpdir(), "bundle-key-"));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write("scripts/bundle.js", "// build");
    write("package-lock.json", "{}");
    write("main.ts", 'import "./src/a";');
    write("src/a.ts", "export const a = 1;");
    write("src/b.ts", "export const b = 2;");
    const inputs = ["main.ts", "src/a.ts", "node_modules/x/index.js"];
    const key = () => bundleKey(root, "main.ts", "dist", inputs);
    const first = key();
    expect(key()).toBe(first);
    // A file the build did not read: the same key.
    write("src/b.ts", "export const b = 3;");
    expect(key()).toBe(first);
    // An input's content, a build file, a file an import may now find.
    write("src/a.ts", "export const a = 2;");
    const edited = key();
    expect(edited).not.toBe(first);
    write("package-lock.json", '{"lockfileVersion":3}');
    const locked = key();
    expect(locked).not.toBe(edited);
    write("src/a/index.ts", "export const a = 3;");
    expect(key()).not.toBe(locked);
    // Another entry, or a dist directory at another place.
    expect(bundleKey(root, "src/a.ts", "dist", inputs)).not.toBe(key());
    expect(bundleKey(root, "main.ts", "out", inputs)).not.toBe(key());
  });

  test("a second build of the same inputs is a copy of the first, byte for byte", async () => {
    const cache = mkdtempSync(join(tmpdir(), "bundle-cache-"));
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    const dists = [1, 2].map(() => mkdtempSync(join(ROOT, "dist", "test-")));
    try {
      const entry = "src/export/cli.ts";
      const built = await cachedBundle(entry, dists[0], cache);
      const copied = await cachedBundle(entry, dists[1], cache);
      expect([built.cached, copied.cached]).toEqual([false, true]);
      expect(copied.inputs).toEqual(built.inputs);
      expect(built.inputs).toContain(entry);
      for (const file of ["src/export/cli.js", "src/export/cli.js.map"]) {
        const [a, b] = dists.map((dist) => readFileSync(join(dist, file)));
        expect(a.length).toBeGreaterThan(0);
        expect(b.equals(a)).toBe(true);
      }
      // A build whose files are gone (half removed) is built again.
      for (const name of readdirSync(cache))
        if (/^[0-9a-f]{64}$/.test(name))
          rmSync(join(cache, name, "files"), { recursive: true, force: true });
      expect((await cachedBundle(entry, dists[1], cache)).cached).toBe(false);
    } finally {
      rmSync(cache, { recursive: true, force: true });
      for (const dist of dists) rmSync(dist, { recursive: true, force: true });
    }
  });

  test("PRIVATELINK_BUNDLE_CACHE=0 builds every time", () => {
    expect(bundleCacheEnabled({})).toBe(true);
    expect(bundleCacheEnabled({ PRIVATELINK_BUNDLE_CACHE: "0" })).toBe(false);
  });
});

describe("testingSynth, the suites' synth", () => {
  test.each([
    ["the default config", defaultRawConfig()],
    ["3 peered and 6 native consumers", fleet(3, 6)],
  ])("gives Testing.synth(stack, true)'s text for %s", (_, raw) => {
    const ours = buildStacks(Testing.app(), validConfig(raw));
    const theirs = buildStacks(Testing.app(), validConfig(raw));
    expect(ours.length).toBeGreaterThan(0);
    ours.forEach((stack, i) => {
      const text = testingSynth(stack);
      expect(text).toContain('"aws_vpc_endpoint"');
      expect(text).not.toContain('"//"');
      expect(text === Testing.synth(theirs[i], true)).toBe(true);
    });
  });
});

test("the config builders (test-support/configs.ts) load neither cdktf nor the stacks, for the config suites", () => {
  const source = readFileSync(join(ROOT, "test-support/configs.ts"), "utf8");
  const imports = [...source.matchAll(/^import [^;]*? from "([^"]+)";/gms)].map(
    (m) => m[1],
  );
  expect(imports).toEqual(["node:fs", "node:path", "../src/config"]);
  // What src/config itself may import is layers.test.ts's: no cdktf.
});

describe("the runtime: each module compiled once per worker (test-support/runtime.js)", () => {
  type Stats = { compiled: number; shared: number; jest: number };
  const stats = () =>
    ({
      ...(globalThis as unknown as Record<symbol, Stats | undefined>)[
        Symbol.for("privatelink.jest-runtime.stats")
      ],
    }) as Stats;
  const dir = mkdtempSync(join(tmpdir(), "runtime-"));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test("jest.config.js names it, and the engine tier inherits it", () => {
    expect(jestConfig.runtime).toBe("<rootDir>/test-support/runtime.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require("../../jest.engine.config.js").runtime).toBe(
      jestConfig.runtime,
    );
  });

  test("a module loaded again, in a fresh registry, runs again from the compiled script", () => {
    const path = write(
      "counter.js",
      "globalThis.loads = (globalThis.loads ?? 0) + 1;\nexports.at = globalThis.loads;\nexports.self = module.exports;\nexports.require = typeof require;\n",
    );
    const before = stats();
    expect(before.compiled).toBeGreaterThan(0);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const first = require(path);
    let second: typeof first;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      second = require(path);
    });
    const after = stats();
    expect(after.compiled).toBe(before.compiled + 1);
    expect(after.shared).toBe(before.shared + 1);
    // Its top level ran twice, each time with its own module and exports.
    expect([first.at, second!.at]).toEqual([first.at, first.at + 1]);
    expect(second).not.toBe(first);
    expect(second!.self).toBe(second);
    expect(first.require).toBe("function");
  });

  test("a stack trace gives a module's own line and column numbers", () => {
    const path = write(
      "throws.js",
      "// line 1\n// line 2\nmodule.exports = () => {\n  throw new Error('from line 4');\n};\n",
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const thrower = require(path);
    expect(() => thrower()).toThrow("from line 4");
    try {
      thrower();
    } catch (error) {
      expect((error as Error).stack).toContain(`${path}:4:9`);
    }
  });

  test("a module with a dynamic import(), or a syntax error, is compiled jest's way", () => {
    const before = stats();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lazy = require(
      write("lazy.js", "module.exports = () => import('node:path');\n"),
    );
    expect(typeof lazy).toBe("function");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(() => require(write("broken.js", "module.exports = {;\n"))).toThrow(
      SyntaxError,
    );
    const after = stats();
    expect(after.jest).toBe(before.jest + 2);
    expect(after.compiled).toBe(before.compiled);
  });
});
