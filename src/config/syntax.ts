/**
 * The config file's text to a document: JSON (with or without a UTF-8 byte
 * order mark, which Windows editors add) or YAML (`.yaml`, `.yml`). Either
 * way the document goes through the same schema, so the error paths are the
 * same; a syntax error names its line and column, and every one is reported
 * at once.
 */
import { extname } from "node:path";
import type { ParseError } from "jsonc-parser";
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

/**
 * An error at or past the file's last non-blank character is the file
 * ending early, whatever the parser expected there (V8 says "Expected
 * double-quoted property name" after a trailing comma): it is reported
 * just past that character, on the last line with content, in these words.
 */
function endOfInput(
  text: string,
  offset: number,
): { at: { line: number; col: number }; reason: string } | undefined {
  const end = text.trimEnd().length;
  if (offset < end) return undefined;
  return {
    at: lineAndColumn(text, end),
    reason:
      end === 0
        ? "the file is empty"
        : "Unexpected end of JSON input: the file ends before every '{' and '[' in it is closed",
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

/** jsonc-parser's error codes, said as V8 says them where it has a word. */
const TOLERANT_REASONS: Record<string, string> = {
  InvalidNumberFormat: "Invalid number",
  PropertyNameExpected: "Expected double-quoted property name",
  ValueExpected: "Expected a value",
  ColonExpected: "Expected ':' after property name",
  CommaExpected: "Expected ','",
  CloseBraceExpected: "Expected '}'",
  CloseBracketExpected: "Expected ']'",
  EndOfFileExpected: "Unexpected non-whitespace character after JSON",
  InvalidCommentToken: "Comments are not valid JSON",
  UnexpectedEndOfComment: "Unterminated comment",
  UnexpectedEndOfString: "Unterminated string",
  UnexpectedEndOfNumber: "Invalid number",
  InvalidUnicode: "Bad Unicode escape",
  InvalidEscapeCharacter: "Bad escaped character",
  InvalidCharacter: "Bad control character in string literal",
};

/**
 * The syntax errors after the line of the first: JSON.parse stops at its
 * first error, jsonc-parser (VS Code's) recovers and goes on. One per line,
 * the first on it: what follows an error on its own line is mostly that
 * error's echo; the file ending early is said once, wherever it ends. The
 * first error is the caller's, so nothing on or before its line is
 * repeated. The parser is loaded here, for a file that failed, so that
 * the synth of a valid config never loads it.
 */
function laterJsonErrors(
  text: string,
  afterLine: number,
  endSaid: boolean,
): Problem[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsonc = require("jsonc-parser") as typeof import("jsonc-parser");
  const errors: ParseError[] = [];
  jsonc.parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const problems: Problem[] = [];
  let lastLine = afterLine;
  for (const error of errors) {
    const early = endOfInput(text, error.offset);
    const at = early?.at ?? lineAndColumn(text, error.offset);
    // The file ending early is its own fact, even on an error's line: said
    // once (the parser reports each bracket left open).
    if (early ? endSaid : at.line <= lastLine) continue;
    if (early) endSaid = true;
    lastLine = at.line;
    const code = jsonc.printParseErrorCode(error.error);
    const token = text.slice(error.offset, error.offset + error.length);
    const reason =
      early?.reason ??
      (code !== "InvalidSymbol"
        ? (TOLERANT_REASONS[code] ?? code)
        : token.startsWith("'")
          ? `Strings take double quotes: ${token}`
          : `Unexpected token '${token}'`);
    problems.push(
      syntaxProblem(text, at.line, at.col, `expected valid JSON: ${reason}`),
    );
  }
  return problems;
}

function parseJson(text: string): ParseResult {
  const parsed = tryJson(text);
  if (parsed.message === undefined)
    return { ok: true, document: parsed.document };
  // The first error in V8's words (JSON.parse is the judge of validity),
  // then the rest.
  const message = parsed.message;
  const offset = jsonErrorOffset(text, message);
  const early = endOfInput(text, offset);
  const reason =
    early?.reason ??
    message
      .replace(POSITION, "")
      .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, "$1");
  const at = early?.at ?? lineAndColumn(text, offset);
  return {
    ok: false,
    problems: [
      syntaxProblem(text, at.line, at.col, `expected valid JSON: ${reason}`),
      ...laterJsonErrors(text, at.line, early !== undefined),
    ],
  };
}
