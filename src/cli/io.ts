/**
 * What every command shares: where its text goes, the exit codes, and the
 * environment's defaults. A command is a function of arguments and
 * environment to output and an exit code, apart from the process, so tests
 * can run it in-process.
 */

/** Where a command writes: the process's streams, or a test's buffers. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own streams. */
export const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export type CommandEnvironment = Readonly<Record<string, string | undefined>>;

/** Exit codes: 0 success; 1 the command ran and found a failure; 2 it could not run (usage, no synth output). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Where synth writes and every other command reads: `CDKTF_OUTDIR`, as cdktf itself reads it. */
export function outdirFromEnv(env: CommandEnvironment): string {
  return env.CDKTF_OUTDIR || "cdktf.out";
}

/**
 * For a command that takes no arguments: `--help` prints its usage (exit
 * 0), anything else is refused with it (exit 2). Undefined: go on.
 */
export function noArguments(
  args: readonly string[],
  usage: string,
  output: CommandOutput,
): number | undefined {
  if (args.includes("--help") || args.includes("-h")) {
    output.stdout(usage);
    return EXIT_OK;
  }
  if (args.length > 0) {
    output.stderr(`unknown argument ${args[0]}; ${usage}`);
    return EXIT_USAGE;
  }
  return undefined;
}
