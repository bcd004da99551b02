/**
 * `npm run engine -- [--outdir DIR] [--emulator URL] [--jobs N] [--keep]`: a rehearsal
 * of the apply that needs no AWS account. For every stack in
 * DIR/manifest.json (default ${CDKTF_OUTDIR:-cdktf.out}), against moto on
 * loopback: make the world the stack's topology assumes, then init
 * (offline), validate, plan, apply, plan again (no changes), destroy, and
 * check the state is empty.
 *
 * Output: a first line naming the engine, the provider and the emulator,
 * then one line per stack. Exit 0 when every stack passes, 1 when one
 * fails, 2 when there is no synth output or the toolchain is missing.
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SynthOutputError, readSynthOutput } from "../output/manifest";
import { CommandOutput, outdirFromEnv } from "../cli/io";
import {
  Emulator,
  EmulatorError,
  existingEmulator,
  startEmulator,
} from "./emulator";
import { rehearse } from "./rehearsal";
import {
  ToolchainError,
  Toolchain,
  findToolchain,
  versionLine,
} from "./toolchain";
import { writeWorkspace } from "./workspace";
import {
  WorldError,
  buildWorld,
  rolesOfStack,
  topologyOfStack,
  worldOf,
} from "./world";

export type { CommandOutput };

/** Stacks rehearsed at once by default: they mostly wait, on two cores too. */
export const DEFAULT_JOBS = 4;

export const USAGE = `usage: npm run engine -- [--outdir DIR] [--emulator URL] [--jobs N] [--keep]

Rehearses the apply of every synthesized stack against the moto emulator on
127.0.0.1: init (offline), validate, plan, apply, plan again (it must find no
changes), destroy, and an empty state.

  --outdir DIR    the synth output to read (default: \${CDKTF_OUTDIR:-cdktf.out})
  --emulator URL  use a moto server already running on loopback (not reset)
  --jobs N        stacks rehearsed at once (default: ${DEFAULT_JOBS})
  --keep          keep the working copies and print where they are
  --help          this text

Install the toolchain first: npm run engine:install
Exit: 0 every stack passes, 1 a stack fails, 2 no synth output or no toolchain.
`;

interface Options {
  readonly outdir: string;
  readonly emulator?: string;
  readonly keep: boolean;
  readonly jobs: number;
}

export type ParsedArgs =
  | { readonly kind: "run"; readonly options: Options }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string };

export function parseArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  let outdir = outdirFromEnv(env);
  let emulator: string | undefined;
  let keep = false;
  let jobs = DEFAULT_JOBS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s) : [arg];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined || next.startsWith("--"))
        throw new Error(`${flag} needs a value`);
      return next;
    };
    try {
      if (flag === "--help" || flag === "-h") return { kind: "help" };
      else if (flag === "--outdir") outdir = value();
      else if (flag === "--emulator") emulator = value();
      else if (flag === "--keep" && inline === undefined) keep = true;
      else if (flag === "--jobs") {
        const text = value();
        jobs = Number(text);
        if (!/^[1-9]\d*$/.test(text))
          return {
            kind: "error",
            message: `--jobs ${text}: expected a whole number of 1 or more`,
          };
      } else return { kind: "error", message: `unknown argument ${arg}` };
    } catch (error) {
      return { kind: "error", message: (error as Error).message };
    }
  }
  return { kind: "run", options: { outdir, emulator, keep, jobs } };
}

/**
 * One stack's world in the emulator and its working copy in
 * `workRoot/stacks/<name>`, listed in `workRoot/manifest.json` as cdktf
 * lists it: the copy is an outdir that `tofu`, or cdktf's Testing matchers,
 * can be pointed at. Each world is new resources with the emulator's own
 * ids, so stacks (and their worlds) can share one emulator at once.
 */
export async function prepareStack(
  toolchain: Toolchain,
  emulator: Emulator,
  stack: { readonly name: string; readonly file: string },
  workRoot: string,
): Promise<string> {
  const text = readFileSync(stack.file, "utf8");
  const json = JSON.parse(text) as unknown;
  const ids = await buildWorld(
    toolchain,
    emulator.url,
    worldOf([
      {
        topology: topologyOfStack(json, stack.name),
        roles: rolesOfStack(json),
      },
    ]),
  );
  const dir = join(workRoot, "stacks", stack.name);
  writeWorkspace(dir, text, ids, emulator.url, toolchain.pins.providerVersion);
  addToManifest(workRoot, stack.name);
  return dir;
}

function addToManifest(workRoot: string, name: string): void {
  const file = join(workRoot, "manifest.json");
  const manifest: { stacks: Record<string, unknown> } = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : { version: "engine", stacks: {} };
  manifest.stacks[name] = {
    name,
    workingDirectory: join("stacks", name),
    synthesizedStackPath: join("stacks", name, "cdk.tf.json"),
  };
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/** One stack: its world, its working copy, its rehearsal. One line back. */
async function rehearseStack(
  toolchain: Toolchain,
  emulator: Emulator,
  stack: { readonly name: string; readonly file: string },
  workRoot: string,
): Promise<{ line: string; ok: boolean }> {
  let dir: string;
  try {
    dir = await prepareStack(toolchain, emulator, stack, workRoot);
  } catch (error) {
    if (error instanceof WorldError || error instanceof SyntaxError)
      return {
        line: `${stack.name}: world failed: ${error.message}`,
        ok: false,
      };
    throw error;
  }
  const result = await rehearse(toolchain, dir);
  return result.ok
    ? {
        line: `${stack.name}: applied ${result.applied} resources, re-plan: no changes, destroyed`,
        ok: true,
      }
    : {
        line: `${stack.name}: ${result.step} failed: ${result.error}`,
        ok: false,
      };
}

/**
 * Runs `work` on up to `jobs` items at once (the stacks mostly wait: on
 * Route 53's fixed 15 s change polls, on provider start-up), and hands the
 * results to `emit` in the items' order.
 */
export async function inOrder<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T) => Promise<R>,
  emit: (result: R) => void,
): Promise<void> {
  const results: (R | undefined)[] = new Array(items.length);
  const done: boolean[] = new Array(items.length).fill(false);
  let next = 0;
  let emitted = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
      done[index] = true;
      while (emitted < items.length && done[emitted]) {
        emit(results[emitted] as R);
        results[emitted++] = undefined;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker),
  );
}

export async function engineCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CommandOutput,
): Promise<number> {
  const parsed = parseArgs(args, env);
  if (parsed.kind === "help") {
    output.stdout(USAGE);
    return 0;
  }
  if (parsed.kind === "error") {
    output.stderr(`engine: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  const { options } = parsed;
  let stacks;
  try {
    stacks = readSynthOutput(resolve(options.outdir));
  } catch (error) {
    if (!(error instanceof SynthOutputError)) throw error;
    output.stderr(`engine: ${error.message}\n`);
    return 2;
  }
  let toolchain: Toolchain;
  try {
    toolchain = findToolchain(env);
  } catch (error) {
    if (!(error instanceof ToolchainError)) throw error;
    output.stderr(`engine: ${error.message}\n`);
    return 2;
  }
  output.stdout(`${versionLine(toolchain)}\n`);

  let emulator: Emulator;
  try {
    emulator = options.emulator
      ? await existingEmulator(options.emulator)
      : await startEmulator(toolchain);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    output.stderr(`engine: ${error.message}\n`);
    return 1;
  }
  const workRoot = mkdtempSync(join(tmpdir(), "privatelink-engine-"));
  let allPassed = true;
  try {
    await inOrder(
      stacks,
      options.jobs,
      (stack) => rehearseStack(toolchain, emulator, stack, workRoot),
      ({ line, ok }) => {
        allPassed &&= ok;
        output.stdout(`${line}\n`);
      },
    );
  } finally {
    await emulator.stop();
    if (options.keep)
      output.stderr(`engine: working copies kept in ${workRoot}\n`);
    else rmSync(workRoot, { recursive: true, force: true });
  }
  return allPassed ? 0 : 1;
}
