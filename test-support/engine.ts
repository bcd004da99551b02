/**
 * Helpers of the engine tier's tests (`npm run test:engine`): configs to
 * rehearse, synthesis into a temporary outdir, the engine command run
 * in-process, and change pairs (config A applied, then config B planned and
 * applied on the same state).
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../src/app";
import { formatProblem, validateConfig } from "../src/config";
import { engineCommand } from "../src/engine/command";
import { Emulator, startEmulator } from "../src/engine/emulator";
import {
  PlannedChange,
  destroyAll,
  engineError,
  runTofu,
  initAndValidate,
  planAndApply,
  replanClean,
} from "../src/engine/rehearsal";
import { Toolchain, findToolchain } from "../src/engine/toolchain";
import { writeWorkspace } from "../src/engine/workspace";
import {
  buildWorld,
  rolesOfStack,
  topologyOfStack,
  worldOf,
} from "../src/engine/world";
import { ROOT, RawObject } from "./configs";

/** Each engine test's bound: a cold provider start and a dozen resources. */
export const ENGINE_TIMEOUT_MS = 10 * 60_000;

/** A named config to rehearse. */
export interface NamedConfig {
  readonly name: string;
  readonly raw: RawObject;
}

/** config/*.json, except the schema. */
export function repoConfigs(): NamedConfig[] {
  const dir = join(ROOT, "config");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json") && file !== "schema.json")
    .sort()
    .map((file) => ({
      name: `config/${file}`,
      raw: JSON.parse(readFileSync(join(dir, file), "utf8")) as RawObject,
    }));
}

/** test-support/engine-configs/*.json: the engine tier's own fixtures. */
export function fixtureConfigs(): NamedConfig[] {
  const dir = join(ROOT, "test-support", "engine-configs");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: `test-support/engine-configs/${file}`,
      raw: JSON.parse(readFileSync(join(dir, file), "utf8")) as RawObject,
    }));
}

/**
 * The complete configs shown in the README and docs/: every ```json block
 * that holds a `services` list and validates (fragments are skipped).
 */
export function documentedConfigs(): NamedConfig[] {
  const files = [join(ROOT, "README.md")];
  const docs = join(ROOT, "docs");
  if (existsSync(docs))
    for (const file of readdirSync(docs).sort())
      if (file.endsWith(".md")) files.push(join(docs, file));
  const found: NamedConfig[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)];
    blocks.forEach((block, index) => {
      let raw: unknown;
      try {
        raw = JSON.parse(block[1]);
      } catch {
        return;
      }
      if (
        typeof raw !== "object" ||
        raw === null ||
        !Array.isArray((raw as RawObject).services)
      )
        return;
      if (!validateConfig(raw, {}).ok) return;
      const relative = file.slice(ROOT.length + 1);
      found.push({
        name: `${relative} example ${index + 1}`,
        raw: raw as RawObject,
      });
    });
  }
  return found;
}

/** Synthesizes a raw config into a fresh temporary outdir. */
export function synthTo(raw: unknown): string {
  const result = validateConfig(raw, {});
  if (!result.ok)
    throw new Error(
      `invalid test config: ${result.problems.map(formatProblem).join("; ")}`,
    );
  const outdir = mkdtempSync(join(tmpdir(), "engine-synth-"));
  synthesize(result.config, outdir);
  return outdir;
}

export interface EngineRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run engine -- args`, in-process. */
export async function runEngine(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<EngineRun> {
  let stdout = "";
  let stderr = "";
  const code = await engineCommand(args, env, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

export function toolchain(): Toolchain {
  return findToolchain(process.env);
}

export function removeAll(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** The single stack of a synth outdir: its JSON text. */
export function onlyStackText(outdir: string): { name: string; text: string } {
  const manifest = JSON.parse(
    readFileSync(join(outdir, "manifest.json"), "utf8"),
  ) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const names = Object.keys(manifest.stacks);
  if (names.length !== 1)
    throw new Error(`expected one stack, got ${names.join(", ")}`);
  const name = names[0];
  return {
    name,
    text: readFileSync(
      join(outdir, manifest.stacks[name].synthesizedStackPath),
      "utf8",
    ),
  };
}

/** What a change pair did: B's planned changes, and whether B applied cleanly. */
export interface ChangePairResult {
  readonly changes: readonly PlannedChange[];
  /** Addresses B replaces (delete and create). */
  readonly replaced: readonly string[];
  readonly failure?: string;
}

/**
 * Applies config A, then plans and applies config B on the same state (one
 * stack each, the same service), re-plans B (it must be clean) and destroys.
 * The world is the union of both, as it would stand before B is applied.
 */
export async function changePair(
  tools: Toolchain,
  emulator: Emulator,
  rawA: unknown,
  rawB: unknown,
  options: {
    /** Addresses destroyed with config A (`apply -destroy -target`) before B is planned. */
    readonly destroyFirst?: readonly string[];
  } = {},
): Promise<ChangePairResult> {
  const outA = synthTo(rawA);
  const outB = synthTo(rawB);
  const dir = mkdtempSync(join(tmpdir(), "engine-pair-"));
  try {
    const a = onlyStackText(outA);
    const b = onlyStackText(outB);
    const jsonA = JSON.parse(a.text) as unknown;
    const jsonB = JSON.parse(b.text) as unknown;
    const ids = await buildWorld(
      tools,
      emulator.url,
      worldOf([
        {
          topology: topologyOfStack(jsonA, a.name),
          roles: rolesOfStack(jsonA),
        },
        {
          topology: topologyOfStack(jsonB, b.name),
          roles: rolesOfStack(jsonB),
        },
      ]),
    );
    const version = tools.pins.providerVersion;
    writeWorkspace(dir, a.text, ids, emulator.url, version);
    const first =
      (await initAndValidate(tools, dir)) ?? (await planAndApply(tools, dir));
    if ("step" in first)
      return {
        changes: [],
        replaced: [],
        failure: `A: ${first.step}: ${first.error}`,
      };
    if (options.destroyFirst && options.destroyFirst.length > 0) {
      const targeted = await runTofu(tools, dir, [
        "apply",
        "-destroy",
        "-input=false",
        "-lock=false",
        "-auto-approve",
        ...options.destroyFirst.map((address) => `-target=${address}`),
      ]);
      if (targeted.code !== 0) {
        await destroyAll(tools, dir);
        return {
          changes: [],
          replaced: [],
          failure: `A: targeted destroy: ${engineError(targeted)}`,
        };
      }
    }
    writeWorkspace(dir, b.text, ids, emulator.url, version);
    const second =
      (await initAndValidate(tools, dir)) ??
      (await planAndApply(tools, dir, true));
    if ("step" in second) {
      await destroyAll(tools, dir);
      return {
        changes: [],
        replaced: [],
        failure: `B: ${second.step}: ${second.error}`,
      };
    }
    const replaced = second.changes
      .filter(
        (c) => c.actions.includes("delete") && c.actions.includes("create"),
      )
      .map((c) => c.address);
    const drift = await replanClean(tools, dir);
    const destroyed = await destroyAll(tools, dir);
    const failure = drift
      ? `B: ${drift.step}: ${drift.error}`
      : destroyed
        ? `B: ${destroyed.step}: ${destroyed.error}`
        : undefined;
    return { changes: second.changes, replaced, failure };
  } finally {
    removeAll(outA, outB, dir);
  }
}

export { startEmulator };
export type { Emulator };

/**
 * One emulator per test file, started on first use. Concurrent tests
 * (test.concurrent) may start before beforeAll hooks finish, so they await
 * this instead; afterAll calls `stop`.
 */
export function sharedEmulator(): {
  get(): Promise<Emulator>;
  stop(): Promise<void>;
} {
  let started: Promise<Emulator> | undefined;
  return {
    get: () => (started ??= startEmulator(toolchain())),
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}
