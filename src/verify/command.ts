/**
 * `npm run verify`, apart from the process: judges every stack of the last
 * synth (the manifest in CDKTF_OUTDIR, default cdktf.out) from its
 * Terraform JSON, prints a check table per stack and writes `topology.md`
 * beside each stack's cdk.tf.json.
 *
 * Exit codes: 0 every consumer reaches its service; 1 a consumer fails a
 * check (or a stack has no usable `topology` output); 2 there is no
 * readable synth output, or a usage error.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stackPassed, verifyStack } from "./checks";
import { topologyMarkdown } from "./report/picture";
import { textReport } from "./report/table";
import { SynthOutputError, readSynthOutput } from "../output/manifest";
import {
  CommandEnvironment,
  CommandOutput,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  noArguments,
  outdirFromEnv,
} from "../cli/io";

export const VERIFY_USAGE = `usage: npm run verify

Judges every stack of the last synth from its Terraform JSON alone: for each
consumer, whether the name resolves, the routes go there and back, the
endpoint admits it, and the endpoint is placed where it must be. Prints a
table per stack and writes topology.md (a Mermaid picture) beside each
stack's cdk.tf.json.

  CDKTF_OUTDIR   the synth output to read (default cdktf.out)
  --help         this text

Exit: 0 every consumer reaches its service; 1 a consumer fails a check;
2 no readable synth output, or a usage error.
`;

export function verifyCommand(
  args: readonly string[],
  env: CommandEnvironment,
  output: CommandOutput,
): number {
  const refused = noArguments(args, VERIFY_USAGE, output);
  if (refused !== undefined) return refused;
  let stacks;
  try {
    stacks = readSynthOutput(outdirFromEnv(env));
  } catch (error) {
    if (!(error instanceof SynthOutputError)) throw error;
    output.stderr(`verify: ${error.message}\n`);
    return EXIT_USAGE;
  }
  let allPassed = true;
  const sections: string[] = [];
  for (const stack of stacks) {
    const report = verifyStack(stack.name, stack.document);
    allPassed &&= stackPassed(report);
    const picture = join(stack.directory, "topology.md");
    writeFileSync(picture, topologyMarkdown(report));
    sections.push(`${textReport(report)}\n\n  picture: ${picture}`);
  }
  output.stdout(sections.join("\n\n") + "\n");
  return allPassed ? EXIT_OK : EXIT_FAILED;
}
