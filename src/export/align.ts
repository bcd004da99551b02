/**
 * `terraform fmt`'s alignment of `=`, done on the renderer's own lines so
 * that a plain export needs no formatter at all (the WebAssembly one is
 * most of an export's time at fleet size). The rule is hclwrite's
 * (`formatCells` in hclwrite/format.go): consecutive lines that each
 * assign a whole expression form a chain, and every `=` of a chain stands
 * one space after its longest name. A line that opens a multi-line value
 * (`tags = {`), a block header, a closing bracket or a blank line ends a
 * chain. `export --check` and the tests prove the result is exactly what
 * the formatter makes.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** The length of the quoted string at the start of `text`, or 0. */
function quotedLength(text: string): number {
  if (!text.startsWith('"')) return 0;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return 0;
}

/** For a line `<indent><name> = <whole expression>`: where the name ends. */
function assignment(line: string): number | undefined {
  const indent = line.length - line.trimStart().length;
  const rest = line.slice(indent);
  const name = quotedLength(rest) || (IDENTIFIER.exec(rest)?.[0].length ?? 0);
  if (name === 0 || !rest.startsWith(" = ", name)) return undefined;
  // A value that opens a bracket on this line continues on the next ones.
  if (/[{[(]$/.test(rest)) return undefined;
  return indent + name;
}

/** `text` with the `=` of every chain of assignments aligned. */
export function alignAssignments(text: string): string {
  const lines = text.split("\n");
  // `name` is where the name ends; `columns`, its width in code points, as
  // hclwrite counts (a UTF-16 length would misalign an emoji tag key).
  let chain: { line: number; name: number; columns: number }[] = [];
  const close = () => {
    const width = Math.max(...chain.map((c) => c.columns));
    for (const { line, name, columns } of chain)
      lines[line] =
        lines[line].slice(0, name) +
        " ".repeat(width - columns) +
        lines[line].slice(name);
    chain = [];
  };
  lines.forEach((line, i) => {
    const name = assignment(line);
    if (name === undefined) {
      if (chain.length > 0) close();
    } else {
      const head = line.slice(0, name);
      // eslint-disable-next-line no-control-regex
      const columns = /^[\x00-\x7f]*$/.test(head) ? name : [...head].length;
      chain.push({ line: i, name, columns });
    }
  });
  if (chain.length > 0) close();
  return lines.join("\n");
}
