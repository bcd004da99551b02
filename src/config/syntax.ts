/**
 * The config file's text to a document: JSON (with or without a UTF-8 byte
 * order mark, which Windows editors add) or YAML (`.yaml`, `.yml`). Either
 * way the document goes through the same schema, so the error paths are the
 * same; a syntax error names its line and column.
 */
import { extname } from "node:path";
import { parseDocument } from "yaml";
import { Problem, problem } from "./problems";

export type ParseResult =
  | { readonly ok: true; readonly document: unknown }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The syntax a file is read with, by its extension; JSON unless it says YAML. */
export function syntaxOf(file: string): "json" | "yaml" {
  return /^\.ya?ml$/i.test(extname(file)) ? "yaml" : "json";
}

const BOM = "\uFEFF";

export function parseConfigText(
  text: string,
  syntax: "json" | "yaml",
): ParseResult {
  const source = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  return syntax === "yaml" ? parseYaml(source) : parseJson(source);
}

/** A problem placed at 1-based `line` and `column`, with that line as the value. */
function syntaxProblem(
  text: string,
  line: number,
  column: number,
  expected: string,
): Problem {
  return problem(
    `line ${line}, column ${column}`,
    (text.split("\n")[line - 1] ?? "").trim(),
    expected,
  );
}

function parseYaml(text: string): ParseResult {
  // Merge keys (`<<: *defaults`) are how YAML users share consumer settings.
  const document = parseDocument(text, { merge: true, prettyErrors: false });
  if (document.errors.length === 0)
    return { ok: true, document: document.toJS() };
  // The YAML parser recovers, so every syntax error is reported at once.
  return {
    ok: false,
    problems: document.errors.map((error) => {
      const at = error.linePos?.[0] ?? lineAndColumn(text, error.pos[0]);
      return syntaxProblem(
        text,
        at.line,
        at.col,
        `expected valid YAML: ${error.message}`,
      );
    }),
  };
}

function lineAndColumn(
  text: string,
  offset: number,
): { line: number; col: number } {
  const before = text.slice(0, offset);
  return {
    line: before.split("\n").length,
    col: before.length - before.lastIndexOf("\n"),
  };
}

/** V8 says "at position N" for most errors, never for "Unexpected token". */
const POSITION = / in JSON at position (\d+).*$/s;
const isEndOfInput = (message: string) =>
  message.startsWith("Unexpected end of JSON input");

function tryJson(
  text: string,
): { document: unknown; message?: undefined } | { message: string } {
  try {
    return { document: JSON.parse(text) };
  } catch (error) {
    return { message: (error as Error).message };
  }
}

/**
 * Where JSON.parse failed. When V8 gives no position, the first prefix of
 * the text that already fails before its own end ends at the bad token
 * (a prefix that fails only by ending early says nothing), found by
 * binary search.
 */
function jsonErrorOffset(text: string, message: string): number {
  const position = POSITION.exec(message);
  if (position) return Number(position[1]);
  if (isEndOfInput(message)) return text.length;
  const failsEarly = (length: number) => {
    const error = tryJson(text.slice(0, length)).message;
    if (error === undefined || isEndOfInput(error)) return false;
    const at = POSITION.exec(error);
    return !at || Number(at[1]) < length;
  };
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsEarly(middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

function parseJson(text: string): ParseResult {
  const parsed = tryJson(text);
  if (parsed.message === undefined)
    return { ok: true, document: parsed.document };
  const message = parsed.message;
  const reason = message
    .replace(POSITION, "")
    .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, "$1");
  const at = lineAndColumn(text, jsonErrorOffset(text, message));
  return {
    ok: false,
    problems: [
      syntaxProblem(text, at.line, at.col, `expected valid JSON: ${reason}`),
    ],
  };
}
