/**
 * What a full `npm run bench` writes: bench/results.md, the chart, and the
 * tables of docs/performance.md (between its markers; never the README).
 * The quick CI mode writes none of it, so CI leaves the tree clean.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TABLES_PAGE, withBenchTables } from "./report";

async function formatMarkdown(text: string): Promise<string> {
  const prettier = await import("prettier");
  return prettier.format(text, { parser: "markdown" });
}

export interface Publication {
  /** bench/results.md, unformatted. */
  readonly results: string;
  /** bench/synth-scaling.svg. */
  readonly svg: string;
  /** The tables for docs/performance.md. */
  readonly tables: string;
}

/** Writes the three; returns the paths written, relative to `root`. */
export async function publish(
  root: string,
  publication: Publication,
): Promise<string[]> {
  writeFileSync(
    join(root, "bench", "results.md"),
    await formatMarkdown(publication.results),
  );
  writeFileSync(join(root, "bench", "synth-scaling.svg"), publication.svg);
  const tablesPath = join(root, TABLES_PAGE);
  writeFileSync(
    tablesPath,
    await formatMarkdown(
      withBenchTables(readFileSync(tablesPath, "utf8"), publication.tables),
    ),
  );
  return ["bench/results.md", "bench/synth-scaling.svg", TABLES_PAGE];
}
