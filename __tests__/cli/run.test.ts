/**
 * scripts/run.js itself: when it rebuilds a bundle, how it writes one, its
 * V8 code cache and its stack traces. Each test runs on this suite's own
 * bundles (test-support/run.ts), never on dist/.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "../../test-support/configs";
import {
  BUILD_TIMEOUT,
  ownBundles,
  runEntry,
  runEnv,
  tempDir,
} from "../../test-support/run";

const CONSTRUCT_ERROR = "test-support/construct-error.ts";
const bundles = ownBundles(["main.ts", CONSTRUCT_ERROR]);
const main = () => join(bundles.dist(), "main.js");

const CONSTRUCT_FAILS =
  "Error: There is already a Construct with name 'internal-api' in _App";
/** It fails before writing; CDKTF_OUTDIR keeps cdktf.out/ out of it anyway. */
const runConstructError = (dist = bundles.dist()) =>
  runEntry(dist, CONSTRUCT_ERROR, { CDKTF_OUTDIR: join(tempDir(), "out") });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const synth = (outdir: string) =>
  runEntry(bundles.dist(), "main.ts", { CDKTF_OUTDIR: outdir });
const stack = (outdir: string) =>
  readFileSync(join(outdir, "stacks", "internal-api", "cdk.tf.json"), "utf8");

/** The user's own bundle, which no test here may touch. */
const USER_BUNDLE = join(ROOT, "dist", "main.js");
const userBundle = () =>
  existsSync(USER_BUNDLE) ? statSync(USER_BUNDLE).mtimeMs : "none";
let userBundleBefore: number | string;
beforeAll(() => (userBundleBefore = userBundle()));

describe("stack traces", () => {
  test("a construct error: exit 1, its stack trace at the TypeScript sources in src/, not the bundle", () => {
    const result = runConstructError();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(CONSTRUCT_FAILS);
    const frames = result.stderr.split("\n").filter((l) => /^\s+at /.test(l));
    // The stack code that made the second construct, wherever it lives in src/.
    const src = new RegExp(
      `[ (]${escape(join(ROOT, "src"))}/[\\w/.-]+\\.ts:\\d+:\\d+\\)?$`,
    );
    expect(frames.filter((l) => src.test(l)).length).toBeGreaterThan(0);
    // The entry's own call: line 13 of test-support/construct-error.ts.
    expect(frames).toContainEqual(
      expect.stringContaining(`(${join(ROOT, CONSTRUCT_ERROR)}:13:1)`),
    );
    // constructs' own frames at its TypeScript sources too.
    expect(frames[0]).toMatch(
      /at _Node\.addChild \(.*node_modules\/constructs\/src\/construct\.ts:\d+:\d+\)$/,
    );
    expect(frames.filter((l) => l.includes(bundles.dist()))).toEqual([]);
  });

  test("without its source map, the trace still names the bundle's lines", () => {
    const map = join(bundles.dist(), "test-support", "construct-error.js.map");
    const kept = readFileSync(map);
    rmSync(map);
    try {
      const result = runConstructError();
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^\s+at _Node\.addChild \(.*construct-error\.js:\d+:\d+\)$/m,
      );
    } finally {
      writeFileSync(map, kept);
    }
  });
});

describe("the V8 code cache", () => {
  const cache = () => `${main()}.cache`;
  const key = () =>
    createHash("sha256").update(readFileSync(main())).digest("hex");

  test("is written after a run, keyed by the bundle's hash, then used as is", () => {
    const dir = tempDir();
    writeFileSync(cache(), "");
    expect(synth(join(dir, "a")).status).toBe(0);
    const written = readFileSync(cache());
    expect(written.subarray(0, 65).toString()).toBe(`${key()}\n`);
    expect(written.length).toBeGreaterThan(100_000);
    const mtime = statSync(cache()).mtimeMs;
    expect(synth(join(dir, "b")).status).toBe(0);
    expect(statSync(cache()).mtimeMs).toBe(mtime);
    expect(stack(join(dir, "b"))).toBe(stack(join(dir, "a")));
  });

  test("a cache that cannot be written does not fail the synth", () => {
    const dir = tempDir();
    rmSync(cache(), { force: true });
    mkdirSync(join(cache(), "in-the-way"), { recursive: true });
    try {
      expect(synth(join(dir, "out")).status).toBe(0);
      expect(stack(join(dir, "out"))).toContain("aws_vpc_endpoint");
      expect(
        readdirSync(dirname(cache())).filter((f) => /\.cache\.\d+$/.test(f)),
      ).toEqual([]);
    } finally {
      rmSync(cache(), { recursive: true, force: true });
    }
  });

  test("a cache of another bundle, or one V8 rejects, is replaced", () => {
    const dir = tempDir();
    expect(synth(join(dir, "fresh")).status).toBe(0);
    const data = readFileSync(cache()).subarray(65);
    // Valid V8 data under another bundle's hash: V8 would take it (it checks
    // only the source's length), so run.js must not offer it.
    writeFileSync(
      cache(),
      Buffer.concat([Buffer.from(`${"0".repeat(64)}\n`), data]),
    );
    expect(synth(join(dir, "other")).status).toBe(0);
    expect(readFileSync(cache()).subarray(0, 65).toString()).toBe(`${key()}\n`);
    // The right hash, but data V8 rejects.
    writeFileSync(cache(), `${key()}\n${"x".repeat(5000)}`);
    expect(synth(join(dir, "garbage")).status).toBe(0);
    expect(readFileSync(cache()).length).toBeGreaterThan(100_000);
    expect(stack(join(dir, "other"))).toBe(stack(join(dir, "fresh")));
    expect(stack(join(dir, "garbage"))).toBe(stack(join(dir, "fresh")));
  });
});

// On the construct error's entry: no synth to wait for.
describe("rebuilds", () => {
  const entry = () =>
    join(bundles.dist(), "test-support", "construct-error.js");

  test(
    "a bundle newer than every source is run as it is; an older one is rebuilt",
    () => {
      const bundle = readFileSync(entry());
      const future = new Date(Date.now() + 3_600_000);
      writeFileSync(entry(), 'process.stdout.write("the bundle as it is\\n");');
      utimesSync(entry(), future, future);
      const asItIs = runConstructError();
      expect(asItIs.status).toBe(0);
      expect(asItIs.stdout).toBe("the bundle as it is\n");

      utimesSync(entry(), 0, 0);
      const rebuilt = runConstructError();
      expect(rebuilt.status).toBe(1);
      expect(rebuilt.stderr).toContain(CONSTRUCT_FAILS);
      // (Buffer.equals: jest's toEqual walks the bytes one by one.)
      expect(readFileSync(entry()).equals(bundle)).toBe(true);
    },
    BUILD_TIMEOUT,
  );

  test(
    "two runs at once with no bundle: both run it whole, no temporary file is left",
    async () => {
      const dist = mkdtempSync(join(ROOT, "dist", "test-parallel-"));
      try {
        const runs = await Promise.all(
          [1, 2].map(
            () =>
              new Promise<{ code: number | null; stderr: string }>((done) => {
                const child = spawn(
                  "node",
                  ["scripts/run.js", CONSTRUCT_ERROR],
                  {
                    cwd: ROOT,
                    env: runEnv(dist, {
                      CDKTF_OUTDIR: join(dist, "out"),
                    }),
                    stdio: ["ignore", "ignore", "pipe"],
                  },
                );
                let stderr = "";
                child.stderr.on("data", (chunk) => (stderr += chunk));
                child.on("close", (code) => done({ code, stderr }));
              }),
          ),
        );
        for (const { code, stderr } of runs) {
          expect(code).toBe(1);
          expect(stderr).toContain(CONSTRUCT_FAILS);
          expect(stderr).not.toContain("SyntaxError");
        }
        expect(readdirSync(join(dist, "test-support")).sort()).toEqual([
          "construct-error.js",
          "construct-error.js.map",
        ]);
      } finally {
        rmSync(dist, { recursive: true, force: true });
      }
    },
    BUILD_TIMEOUT,
  );
});

test("PRIVATELINK_DIST: the runs here left dist/main.js alone", () => {
  expect(userBundle()).toBe(userBundleBefore);
});
