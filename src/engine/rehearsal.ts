/**
 * The rehearsal of one stack's apply, in its working copy: init (offline,
 * from the filesystem mirror), validate, plan, apply, plan again (it must
 * report no changes), destroy, and check that the state is empty.
 */
import { spawn } from "node:child_process";
import type { Toolchain } from "./toolchain";

export type Step =
  "init" | "validate" | "plan" | "apply" | "re-plan" | "destroy" | "state";

export interface StepFailure {
  readonly step: Step;
  /** The engine's own error, condensed to its `Error:` blocks. */
  readonly error: string;
}

export type RehearsalResult =
  | { readonly ok: true; readonly applied: number }
  | ({ readonly ok: false } & StepFailure);

/** A resource's planned actions, from `tofu show -json` of a plan. */
export interface PlannedChange {
  readonly address: string;
  readonly actions: readonly string[];
}

/** One command's bound: the emulator answers in milliseconds, so minutes mean a hang. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of every engine command: offline, test credentials only. */
export function engineEnvironment(toolchain: Toolchain): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "HOME", "TMPDIR", "LANG"])
    if (process.env[key] !== undefined) env[key] = process.env[key];
  return {
    ...env,
    TF_CLI_CONFIG_FILE: toolchain.cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    // No shared config or profile of the user's reaches the provider.
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

export function runTofu(
  toolchain: Toolchain,
  dir: string,
  args: readonly string[],
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(toolchain.tofu, [...args, "-no-color"], {
      cwd: dir,
      env: engineEnvironment(toolchain),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\nError: timed out after ${COMMAND_TIMEOUT_MS / 60_000} minutes\n`;
      child.kill("SIGKILL");
    }, COMMAND_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      // PRIVATELINK_ENGINE_TIMING=1: where a rehearsal's time goes, per command.
      if (process.env.PRIVATELINK_ENGINE_TIMING)
        process.stderr.write(
          `engine: ${dir}: tofu ${args[0]} ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/**
 * The engine's diagnostics, one line each: the `Error:` blocks (between
 * `╷` and `╵` in its output) without their source excerpts, else its last
 * lines. stderr first: that is where errors go; stdout holds the plan.
 */
export function engineError(result: CommandResult): string {
  for (const text of [result.stderr, result.stdout]) {
    const blocks: string[] = [];
    let current: string[] | undefined;
    for (const raw of text.split("\n")) {
      const line = raw.replace(/^[│╷╵]\s?/, "").trim();
      if (/^Error: /.test(line)) {
        current = [line];
        blocks.push("");
      } else if (current && (raw.startsWith("╵") || line === "")) {
        if (raw.startsWith("╵")) current = undefined;
        continue;
      } else if (current) {
        // Skip where-it-is lines: "with …", "on cdk.tf.json line 12:", "12: …".
        if (/^(with |on .* line \d+|\d+:)/.test(line)) continue;
        current.push(line);
      }
      if (current) blocks[blocks.length - 1] = current.join(" ");
    }
    if (blocks.length > 0) return [...new Set(blocks)].join(" | ");
  }
  const text = `${result.stderr}\n${result.stdout}`.trim();
  return text.split("\n").slice(-5).join(" ");
}

/** The planned changes of a saved plan, as `tofu show -json` reads them. */
export async function plannedChanges(
  toolchain: Toolchain,
  dir: string,
  planFile: string,
): Promise<PlannedChange[]> {
  const shown = await runTofu(toolchain, dir, ["show", "-json", planFile]);
  if (shown.code !== 0) throw new Error(engineError(shown));
  const plan = JSON.parse(shown.stdout) as {
    resource_changes?: {
      address: string;
      mode: string;
      change: { actions: string[] };
    }[];
  };
  return (plan.resource_changes ?? [])
    .filter((change) => change.mode === "managed")
    .filter((change) => !change.change.actions.every((a) => a === "no-op"))
    .map((change) => ({
      address: change.address,
      actions: change.change.actions,
    }));
}

/** Managed resources in the state (data sources left out). */
export async function stateResources(
  toolchain: Toolchain,
  dir: string,
): Promise<string[] | StepFailure> {
  const listed = await runTofu(toolchain, dir, ["state", "list"]);
  if (listed.code !== 0) {
    // No state file at all is an empty state.
    if (/No state file was found/i.test(listed.stderr)) return [];
    return { step: "state", error: engineError(listed) };
  }
  return listed.stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("data."));
}

/** init and validate: the steps that need no emulator. */
export async function initAndValidate(
  toolchain: Toolchain,
  dir: string,
): Promise<StepFailure | undefined> {
  const init = await runTofu(toolchain, dir, ["init", "-input=false"]);
  if (init.code !== 0) return { step: "init", error: engineError(init) };
  const validate = await runTofu(toolchain, dir, ["validate"]);
  if (validate.code !== 0)
    return { step: "validate", error: engineError(validate) };
  return undefined;
}

/**
 * plan -out, then apply that plan. With `readChanges`, also what the plan
 * does per resource (`tofu show -json`, a few seconds more).
 */
export async function planAndApply(
  toolchain: Toolchain,
  dir: string,
  readChanges = false,
  planFile = "engine.plan",
): Promise<StepFailure | { readonly changes: PlannedChange[] }> {
  const plan = await runTofu(toolchain, dir, [
    "plan",
    "-input=false",
    "-lock=false",
    `-out=${planFile}`,
  ]);
  if (plan.code !== 0) return { step: "plan", error: engineError(plan) };
  const changes = readChanges
    ? await plannedChanges(toolchain, dir, planFile)
    : [];
  const apply = await runTofu(toolchain, dir, [
    "apply",
    "-input=false",
    "-lock=false",
    "-auto-approve",
    planFile,
  ]);
  if (apply.code !== 0) return { step: "apply", error: engineError(apply) };
  return { changes };
}

/** A plan after an apply must find nothing to do; else name what drifts. */
export async function replanClean(
  toolchain: Toolchain,
  dir: string,
): Promise<StepFailure | undefined> {
  const replan = await runTofu(toolchain, dir, [
    "plan",
    "-input=false",
    "-lock=false",
    "-detailed-exitcode",
    "-out=engine.replan",
  ]);
  if (replan.code === 0) return undefined;
  if (replan.code !== 2) return { step: "re-plan", error: engineError(replan) };
  const changes = await plannedChanges(toolchain, dir, "engine.replan");
  const described = changes.map(
    (c) => `${c.address} (${c.actions.join(", ")})`,
  );
  return {
    step: "re-plan",
    error: `the second plan is not empty: ${described.length > 0 ? described.join("; ") : "output or data changes only"}`,
  };
}

export async function destroyAll(
  toolchain: Toolchain,
  dir: string,
): Promise<StepFailure | undefined> {
  const destroy = await runTofu(toolchain, dir, [
    "destroy",
    "-input=false",
    "-lock=false",
    "-auto-approve",
  ]);
  if (destroy.code !== 0)
    return { step: "destroy", error: engineError(destroy) };
  const left = await stateResources(toolchain, dir);
  if (!Array.isArray(left)) return left;
  if (left.length > 0)
    return {
      step: "state",
      error: `the state still holds ${left.length} resources after destroy: ${left.join(", ")}`,
    };
  return undefined;
}

/** The whole rehearsal of one prepared working copy. */
export async function rehearse(
  toolchain: Toolchain,
  dir: string,
): Promise<RehearsalResult> {
  const prepared = await initAndValidate(toolchain, dir);
  if (prepared) return { ok: false, ...prepared };
  const applied = await planAndApply(toolchain, dir);
  if ("step" in applied) {
    // Leave the emulator as clean as the engine can.
    await destroyAll(toolchain, dir);
    return { ok: false, ...applied };
  }
  const resources = await stateResources(toolchain, dir);
  if (!Array.isArray(resources)) return { ok: false, ...resources };
  const drift = await replanClean(toolchain, dir);
  if (drift) {
    await destroyAll(toolchain, dir);
    return { ok: false, ...drift };
  }
  const destroyed = await destroyAll(toolchain, dir);
  if (destroyed) return { ok: false, ...destroyed };
  return { ok: true, applied: resources.length };
}
