/**
 * The export command, apart from the process: arguments and environment in,
 * output and an exit code out, so tests can run it in-process.
 *
 *   export           write ${EXPORT_DIR:-dist/terraform}/<stack>/*.tf
 *   export --check   write nothing; exit 1 when that directory is stale
 *
 * It reads ${CDKTF_OUTDIR:-cdktf.out}/manifest.json and the stacks it lists,
 * never the config: synthesize first (`npm run export` does).
 */
import {
  ExportError,
  exportSynthesized,
  staleFiles,
  writeExport,
} from "./export";
import { CommandOutput, outdirFromEnv } from "../cli/io";

export type { CommandOutput };

export const EXPORT_USAGE = `usage: npm run export [-- --check]

Plain Terraform for every stack of the last synth: one folder of .tf files
per stack in \${EXPORT_DIR:-dist/terraform}, formatted like terraform fmt.

  --check   write nothing; read every file back with an HCL parser and
            compare it with the JSON; exit 1 when that folder is stale
  --help    this text

Reads \${CDKTF_OUTDIR:-cdktf.out}/manifest.json, never the config.
Exit: 0 written (or up to date); 1 stale, or no synth output; 2 a usage error.
`;

export async function exportCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CommandOutput,
): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    output.stdout(EXPORT_USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    output.stderr(`unknown argument ${unknown.join(" ")}; ${EXPORT_USAGE}`);
    return 2;
  }
  const outdir = outdirFromEnv(env);
  const dir = env.EXPORT_DIR || "dist/terraform";
  try {
    // The read-back proof runs where it is checked: --check (CI) and the tests.
    const stacks = await exportSynthesized(outdir, {
      readBack: args.includes("--check"),
    });
    const names = stacks.map((stack) => stack.name).join(", ");

    if (args.includes("--check")) {
      const stale = staleFiles(dir, stacks);
      if (stale.length === 0) {
        output.stdout(`${dir} is up to date (${names})\n`);
        return 0;
      }
      output.stderr(
        [
          `The export in ${dir} is stale:`,
          ...stale.map((line) => `  - ${line}`),
          `Run \`EXPORT_DIR=${dir} npm run export\` and commit the result.`,
          "",
        ].join("\n"),
      );
      return 1;
    }

    const { written, removed } = writeExport(dir, stacks);
    const files = stacks.reduce((sum, stack) => sum + stack.files.size, 0);
    output.stdout(
      [
        `exported ${stacks.length} stack(s) to ${dir}: ${names} (${files} files, ${written.length} changed)`,
        ...removed.map((path) => `removed ${dir}/${path} (no longer exported)`),
        "",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    output.stderr(`export failed: ${error.message}\n`);
    return 1;
  }
}
