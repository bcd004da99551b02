/**
 * `npm run verify`: judges every stack of the last synth (the manifest in
 * CDKTF_OUTDIR, default cdktf.out) from its Terraform JSON, prints a check
 * table per stack and writes `topology.md` beside each stack's cdk.tf.json.
 *
 * Exit codes: 0 every consumer reaches its service; 1 a consumer fails a
 * check (or a stack has no usable `topology` output); 2 there is no
 * readable synth output.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stackPassed, verifyStack } from "./checks";
import { topologyMarkdown } from "./report/picture";
import { SynthOutputError, readSynthOutput } from "../output/manifest";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, outdirFromEnv } from "../cli/io";
import { textReport } from "./report/table";

// A consumer that fails a check fails the command; no synth output is a usage error.
const EXIT_UNREACHABLE = EXIT_FAILED;
const EXIT_NO_SYNTH_OUTPUT = EXIT_USAGE;

function main(env: NodeJS.ProcessEnv = process.env): number {
  const outdir = outdirFromEnv(env);
  let stacks;
  try {
    stacks = readSynthOutput(outdir);
  } catch (error) {
    if (!(error instanceof SynthOutputError)) throw error;
    process.stderr.write(`verify: ${error.message}\n`);
    return EXIT_NO_SYNTH_OUTPUT;
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
  process.stdout.write(sections.join("\n\n") + "\n");
  return allPassed ? EXIT_OK : EXIT_UNREACHABLE;
}

process.exitCode = main();
