/**
 * `npm run synth` (and the app `cdktf synth`, `diff` and `deploy` run): the
 * config in, one stack per service out, and a line per stack written. The
 * output directory holds exactly the current config's stacks afterwards:
 * the folders of services that are gone are removed, and a config that
 * fails withdraws the previous manifest, so that no reader (verify, export,
 * plan:comment, the engine tier) takes the old output as current.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { synthesize } from "./app";
import {
  CommandEnvironment,
  CommandOutput,
  EXIT_FAILED,
  EXIT_OK,
  noArguments,
  outdirFromEnv,
} from "./cli/io";
import { configPathFromEnv, formatProblems, loadConfigFile } from "./config";
import { synthesizedStacks } from "./output/manifest";

export const SYNTH_USAGE = `usage: npm run synth

Validates the config and writes one Terraform JSON stack per service.

  PRIVATELINK_CONFIG    the config file, JSON or YAML (.yaml, .yml); default
                        config/default.json; a relative path is read from
                        the directory you ran npm in (INIT_CWD)
  CDKTF_OUTDIR          where the stacks go (default cdktf.out)
  TFC_ORGANIZATION, TFC_WORKSPACE_PREFIX
                        override the config's terraformCloud block

Exit: 0 written; 1 the config has problems (all listed; nothing written,
and the previous manifest withdrawn); 2 a usage error.
`;

/** A path as the user reads it: relative below the working directory, else absolute. */
function shown(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith("..") || isAbsolute(path) ? resolve(file) : path;
}

/** Removes `<outdir>/stacks/<name>` for every name not in `current`. */
function removeStaleStacks(outdir: string, current: ReadonlySet<string>) {
  const stacks = join(outdir, "stacks");
  if (!existsSync(stacks)) return;
  for (const name of readdirSync(stacks))
    if (!current.has(name))
      rmSync(join(stacks, name), { recursive: true, force: true });
}

export function synthCommand(
  args: readonly string[],
  env: CommandEnvironment,
  output: CommandOutput,
): number {
  const refused = noArguments(args, SYNTH_USAGE, output);
  if (refused !== undefined) return refused;
  const outdir = outdirFromEnv(env);
  const file = configPathFromEnv(env);
  const result = loadConfigFile(file, env);
  if (!result.ok) {
    output.stderr(formatProblems(file, result.problems) + "\n");
    const manifest = join(outdir, "manifest.json");
    if (existsSync(manifest)) {
      rmSync(manifest);
      output.stderr(
        `The previous synth output in ${outdir} is withdrawn (${manifest} removed): verify, export and plan:comment refuse it until a synth succeeds.\n`,
      );
    }
    return EXIT_FAILED;
  }
  // Warnings only for a valid config: an invalid one gets its errors alone.
  for (const warning of result.warnings) output.stderr(`warning: ${warning}\n`);
  const stacks = synthesize(result.config, outdir);
  const written = synthesizedStacks(outdir);
  const counts = new Map(stacks.map((s) => [s.node.id, s.resourceCount]));
  removeStaleStacks(outdir, new Set(written.map((stack) => stack.name)));
  for (const stack of written) {
    const count = counts.get(stack.name) ?? 0;
    output.stdout(
      `${stack.name}: ${count} resource${count === 1 ? "" : "s"}, ${shown(stack.file)}\n`,
    );
  }
  return EXIT_OK;
}
