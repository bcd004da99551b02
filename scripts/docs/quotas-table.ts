/**
 * The quota table of README.md and docs/validation.md, rendered from the
 * one quota model (src/config/quotas.ts): codes, defaults and maxima are
 * never copied by hand.
 */
import { QUOTAS, type Quota } from "../../src/config/quotas";

const cell = (text: string) => text.replace(/\|/g, "\\|");
const number = (value: number) => value.toLocaleString("en-US");

/** A markdown table; columns padded as prettier pads them. */
function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, 3, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column])).join(" | ")} |`;
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
  ].join("\n");
}

const codeOf = (quota: Quota) =>
  /^L-[0-9A-F]+$/.test(quota.code)
    ? `\`${quota.code}\``
    : "none (support case)";

/** Quota, code, default, hard maximum: the README's short table. */
export function renderQuotaSummary(): string {
  return table(
    ["Quota", "Code", "Default", "Hard maximum"],
    Object.values(QUOTAS).map((quota: Quota) => [
      cell(quota.name[0].toUpperCase() + quota.name.slice(1)),
      codeOf(quota),
      number(quota.default),
      quota.max === undefined ? "" : number(quota.max),
    ]),
  );
}

/** The same with what to do past the hard maximum, for docs/validation.md. */
export function renderQuotaTable(): string {
  return table(
    ["Quota", "Code", "Default", "Hard maximum", "Past the maximum"],
    Object.values(QUOTAS).map((quota: Quota) => [
      cell(quota.name[0].toUpperCase() + quota.name.slice(1)),
      /^L-[0-9A-F]+$/.test(quota.code) ? `\`${quota.code}\`` : cell(quota.code),
      number(quota.default),
      quota.max === undefined ? "" : number(quota.max),
      quota.max === undefined ? "" : cell(quota.instead),
    ]),
  );
}
