/**
 * Terraform string templates. A string in Terraform JSON is a template:
 * literal text with `${ … }` interpolations and `%{ … }` directives, and
 * `$${` / `%%{` escapes. An HCL quoted string is the same template
 * language, so a JSON string becomes an HCL string by escaping only its
 * literal parts for HCL's quotes; the interpolations are expressions and
 * are copied as they are (quotes inside them must stay unescaped).
 */

export type Segment =
  | { readonly kind: "literal"; readonly text: string }
  /** `${ … }` or `%{ … }`, delimiters included. */
  | { readonly kind: "interpolation" | "directive"; readonly text: string };

export class TemplateError extends Error {}

/** Splits a template into literal text, interpolations and directives. */
export function templateSegments(template: string): Segment[] {
  const segments: Segment[] = [];
  let literal = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      literal += template.slice(i, i + 3);
      i += 3;
    } else if (template.startsWith("${", i) || template.startsWith("%{", i)) {
      if (literal) segments.push({ kind: "literal", text: literal });
      literal = "";
      const end = expressionEnd(template, i + 2);
      segments.push({
        kind: template[i] === "$" ? "interpolation" : "directive",
        text: template.slice(i, end + 1),
      });
      i = end + 1;
    } else {
      literal += template[i];
      i += 1;
    }
  }
  if (literal) segments.push({ kind: "literal", text: literal });
  return segments;
}

/**
 * The index of the `}` that closes an interpolation whose expression starts
 * at `start`: braces nest, and quoted strings inside (with their own
 * templates) are skipped.
 */
function expressionEnd(template: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < template.length) {
    const char = template[i];
    if (char === '"') {
      i = quotedStringEnd(template, i + 1) + 1;
      continue;
    }
    if (template.startsWith("<<", i)) {
      throw new TemplateError(
        `a heredoc inside an interpolation is not supported: ${JSON.stringify(template)}`,
      );
    }
    if (char === "{") depth += 1;
    if (char === "}") {
      if (depth === 0) return i;
      depth -= 1;
    }
    i += 1;
  }
  throw new TemplateError(
    `an unterminated "\${" or "%{" in ${JSON.stringify(template)}`,
  );
}

/** The index of the `"` that closes a quoted string starting at `start`. */
export function quotedStringEnd(template: string, start: number): number {
  let i = start;
  while (i < template.length) {
    if (template[i] === "\\") i += 2;
    else if (template.startsWith("$${", i) || template.startsWith("%%{", i))
      i += 3;
    else if (template.startsWith("${", i) || template.startsWith("%{", i))
      i = expressionEnd(template, i + 2) + 1;
    else if (template[i] === '"') return i;
    else i += 1;
  }
  throw new TemplateError(
    `an unterminated string inside an interpolation in ${JSON.stringify(template)}`,
  );
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** Literal text for an HCL quoted string: quotes, backslashes and control characters escaped. */
export function escapeLiteral(text: string): string {
  let escaped = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    escaped +=
      ESCAPES[char] ??
      (code < 0x20 || code === 0x7f
        ? `\\u${code.toString(16).padStart(4, "0")}`
        : char);
  }
  return escaped;
}

/** A JSON template string as an HCL quoted template. */
export function quotedTemplate(template: string): string {
  const body = templateSegments(template)
    .map((segment) =>
      segment.kind === "literal" ? escapeLiteral(segment.text) : segment.text,
    )
    .join("");
  return `"${body}"`;
}

/**
 * A string as HCL: the bare expression when the string is exactly one
 * interpolation (Terraform returns such a template's value unconverted, so
 * `"${aws_vpc.x.id}"` and `aws_vpc.x.id` mean the same; `terraform fmt`
 * unwraps them too), else a quoted template.
 */
export function hclString(value: string): string {
  const segments = templateSegments(value);
  if (segments.length === 1 && segments[0].kind === "interpolation") {
    const expression = segments[0].text.slice(2, -1).trim();
    const stripMarkers =
      segments[0].text.startsWith("${~") || segments[0].text.endsWith("~}");
    if (!stripMarkers && !expression.includes("\n")) return expression;
  }
  return quotedTemplate(value);
}
