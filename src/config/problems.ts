import { closest as closestMatch, distance } from "fastest-levenshtein";

/**
 * Config problems are values: collected, then reported together. Each names
 * where it is (a JSON path), what was there and what was expected.
 */

export type PathSegment = string | number;

export interface Problem {
  /** `services[0].consumers[1].cidrs[0]`; empty for the file as a whole. */
  readonly path: string;
  /** What the file holds there; `undefined` when the field is missing. */
  readonly value: unknown;
  readonly expected: string;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, i) =>
      typeof segment === "number"
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `${i === 0 ? "" : "."}${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join("");
}

export function problem(
  path: readonly PathSegment[] | string,
  value: unknown,
  expected: string,
): Problem {
  return {
    path: typeof path === "string" ? path : formatPath(path),
    value,
    expected,
  };
}

/** Environment variables are named like `TFC_ORGANIZATION`; config paths never are. */
const isVariable = (path: string) => /^[A-Z][A-Z0-9_]*$/.test(path);

function describeValue(value: unknown, path: string): string {
  if (value === undefined)
    return isVariable(path)
      ? "nothing (the variable is unset)"
      : "nothing (the field is missing)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblem(p: Problem): string {
  return `${p.path || "(file)"}: got ${describeValue(p.value, p.path)}; ${p.expected}`;
}

export function formatProblems(
  file: string,
  problems: readonly Problem[],
): string {
  const count =
    problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [
    `Config ${file} has ${count}; nothing was synthesized:`,
    ...problems.map((p) => `  - ${formatProblem(p)}`),
  ].join("\n");
}

/** The closest candidate within an edit distance of 2, for "did you mean". */
export function closest(
  word: string,
  candidates: readonly string[],
): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closestMatch(word, [...candidates]);
  return distance(word.toLowerCase(), best.toLowerCase()) <= 2
    ? best
    : undefined;
}
