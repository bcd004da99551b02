/**
 * Finding the synthesized stacks: `manifest.json` in the output directory
 * lists the stacks of the last synth (stale folders beside them are not
 * read).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  TerraformDocument,
  TerraformJsonError,
  isObject,
} from "./terraform-json";

/** The synth output is missing or unreadable: a user's error, reported plainly. */
export class SynthOutputError extends Error {}

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's `cdk.tf.json`. */
  readonly file: string;
  /** Where the stack's files are, and where its picture goes. */
  readonly directory: string;
  readonly document: TerraformDocument;
}

export function outputDirectoryFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): string {
  return env.CDKTF_OUTDIR || "cdktf.out";
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SynthOutputError(
      code === "ENOENT"
        ? `No ${what} at ${file}: run \`npm run synth\` first (CDKTF_OUTDIR selects another output directory).`
        : `Cannot read ${what} ${file}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SynthOutputError(
      `${what} ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** Every stack the manifest lists, sorted by name, parsed. */
export function readSynthOutput(outdir: string): SynthesizedStack[] {
  const manifestFile = join(outdir, "manifest.json");
  const manifest = readJson(manifestFile, "synth manifest");
  if (!isObject(manifest) || !isObject(manifest.stacks))
    throw new SynthOutputError(
      `The synth manifest ${manifestFile} has no "stacks" object.`,
    );
  const stacks = manifest.stacks;
  const names = Object.keys(stacks).sort();
  if (names.length === 0)
    throw new SynthOutputError(
      `The synth manifest ${manifestFile} lists no stacks: the config has no services?`,
    );
  return names.map((name) => {
    const entry = stacks[name];
    const relative =
      isObject(entry) && typeof entry.synthesizedStackPath === "string"
        ? entry.synthesizedStackPath
        : join("stacks", name, "cdk.tf.json");
    const file = join(outdir, relative);
    const json = readJson(file, `Terraform JSON of stack ${name}`);
    try {
      return {
        name,
        file,
        directory: dirname(file),
        document: new TerraformDocument(json),
      };
    } catch (error) {
      if (error instanceof TerraformJsonError)
        throw new SynthOutputError(
          `${file} is not Terraform JSON: ${error.message}`,
        );
      throw error;
    }
  });
}
