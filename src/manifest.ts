/**
 * The stacks of the last synth, as cdktf's manifest lists them. Tools that
 * read the synthesized output (the export, the plan review) go by it, not
 * by the folders present, and never by the config.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The manifest is missing or unreadable: a problem the user fixes by synthesizing. */
export class ManifestError extends Error {}

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's cdk.tf.json. */
  readonly jsonPath: string;
  /** Where Terraform runs for this stack (`cdktf diff` runs there too). */
  readonly workingDirectory: string;
}

/** The stacks listed in `<outdir>/manifest.json`, sorted by name. */
export function synthesizedStacks(outdir: string): SynthesizedStack[] {
  const manifestPath = join(outdir, "manifest.json");
  if (!existsSync(manifestPath))
    throw new ManifestError(
      `${manifestPath} not found: nothing is synthesized in ${outdir}. Run \`npm run synth\` first (\`npm run export\` does both).`,
    );
  let manifest: {
    stacks?: Record<
      string,
      { synthesizedStackPath?: string; workingDirectory?: string }
    >;
  };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (error) {
    throw new ManifestError(
      `${manifestPath} is not valid JSON (${(error as Error).message}); synthesize again`,
    );
  }
  const stacks = Object.entries(manifest.stacks ?? {});
  if (stacks.length === 0)
    throw new ManifestError(
      `${manifestPath} lists no stacks; synthesize again`,
    );
  return stacks
    .map(([name, stack]) => ({
      name,
      jsonPath: join(
        outdir,
        stack.synthesizedStackPath ?? join("stacks", name, "cdk.tf.json"),
      ),
      workingDirectory: join(
        outdir,
        stack.workingDirectory ?? join("stacks", name),
      ),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
