/**
 * A Mermaid flowchart, written line by line: subgraphs, nodes and edges,
 * and red for whatever is marked failed. Node ids are numbered per prefix
 * in the order they are asked for, so the same drawing gives the same text.
 */
const RED = "#d32f2f";

/**
 * Text for a quoted Mermaid label: entity codes for the characters that
 * would end the label or be read as markup (`#` first, as it starts them).
 */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/&/g, "#amp;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/\|/g, "#124;");
}

/** A quoted label from lines. */
function label(...lines: string[]): string {
  return `"${lines.map(mermaidText).join("<br/>")}"`;
}

export class Flowchart {
  private readonly lines: string[] = [];
  private readonly failedEdges: number[] = [];
  private readonly failedNodes: string[] = [];
  private readonly failedSubgraphs: string[] = [];
  private edgeCount = 0;
  private depth = 1;
  private readonly counters = new Map<string, number>();

  public id(prefix: string): string {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    return `${prefix}${n}`;
  }

  public line(text: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}${text}`);
  }

  public subgraph(
    id: string,
    title: string,
    body: () => void,
    failed = false,
  ): void {
    this.line(`subgraph ${id}[${label(title)}]`);
    this.depth++;
    body();
    this.depth--;
    this.line("end");
    if (failed) this.failedSubgraphs.push(id);
  }

  public node(
    id: string,
    shape: [string, string],
    text: string[],
    failed = false,
  ): void {
    this.line(`${id}${shape[0]}${label(...text)}${shape[1]}`);
    if (failed) this.failedNodes.push(id);
  }

  /** `arrow` is a Mermaid link such as `-->` or `-.->`; the label goes in pipes. */
  public edge(
    from: string,
    arrow: string,
    to: string,
    text: string | undefined,
    failed = false,
  ): void {
    this.line(`${from} ${arrow}${text ? `|${label(text)}|` : ""} ${to}`);
    if (failed) this.failedEdges.push(this.edgeCount);
    this.edgeCount++;
  }

  /** Edges drawn so far: Mermaid refuses a flowchart of more than 500. */
  public get edges(): number {
    return this.edgeCount;
  }

  public render(): string {
    const styles: string[] = [];
    if (this.failedNodes.length > 0 || this.failedSubgraphs.length > 0)
      styles.push(
        `  classDef failed fill:#fdecea,stroke:${RED},stroke-width:2px,color:#b71c1c`,
      );
    if (this.failedNodes.length > 0)
      styles.push(`  class ${this.failedNodes.join(",")} failed`);
    for (const id of this.failedSubgraphs)
      styles.push(
        `  style ${id} fill:#fdecea,stroke:${RED},stroke-width:2px,color:#b71c1c`,
      );
    if (this.failedEdges.length > 0)
      styles.push(
        `  linkStyle ${this.failedEdges.join(",")} stroke:${RED},stroke-width:3px,color:${RED}`,
      );
    return ["flowchart LR", ...this.lines, ...styles].join("\n");
  }
}

export const SHAPES = {
  box: ["[", "]"],
  rounded: ["(", ")"],
  stadium: ["([", "])"],
  subroutine: ["[[", "]]"],
  database: ["[(", ")]"],
} satisfies Record<string, [string, string]>;
