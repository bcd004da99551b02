/**
 * The stacks of the last synth, as cdktf's `manifest.json` lists them. Every
 * tool that reads the synthesized output (verify, export, the plan review,
 * the engine tier) goes by it, not by the folders present, and never by the
 * config.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isObject } from "../lib/json";
import { TerraformDocument, TerraformJsonError } from "./terraform-json";

/** The synth output is missing or unreadable: a user's error, reported plainly. */
export class SynthOutputError extends Error {}

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's `cdk.tf.json`. */
  readonly file: string;
  /** Where the stack's files are, where Terraform (and `cdktf diff`) runs, and where its picture goes. */
  readonly directory: string;
}

/** A stack with its Terraform JSON, parsed. */
export interface ReadStack extends SynthesizedStack {
  readonly document: TerraformDocument;
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

/** The stacks `<outdir>/manifest.json` lists, sorted by name. */
export function synthesizedStacks(outdir: string): SynthesizedStack[] {
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
    return { name, file, directory: dirname(file) };
  });
}

/** One stack's Terraform JSON, parsed. */
export function readStack(stack: SynthesizedStack): ReadStack {
  const json = readJson(stack.file, `Terraform JSON of stack ${stack.name}`);
  try {
    return { ...stack, document: new TerraformDocument(json) };
  } catch (error) {
    if (error instanceof TerraformJsonError)
      throw new SynthOutputError(
        `${stack.file} is not Terraform JSON: ${error.message}`,
      );
    throw error;
  }
}

/** Every stack the manifest lists, sorted by name, parsed. */
export function readSynthOutput(outdir: string): ReadStack[] {
  return synthesizedStacks(outdir).map(readStack);
}
