/**
 * Terraform JSON (a synthesized cdk.tf.json) to HCL text, one file per
 * concern. The text is correct but not aligned; `format` in export.ts gives
 * it `terraform fmt`'s layout.
 *
 * What changes on the way, and why:
 * - cdktf's `//` metadata goes (comments in JSON, noise in HCL);
 * - the local backend goes: it holds the synthesizing machine's path, and
 *   without a backend Terraform keeps local state anyway;
 * - `provider`, `depends_on` and lifecycle references are written bare
 *   (`provider = aws.us_east_1`): quoted, Terraform rejects them;
 * - a string that is one interpolation is written as its expression.
 * Everything else is the same value.
 */
import {
  BlockSchema,
  CONCERN_FILES,
  ConcernFile,
  DATA_SOURCE_TYPES,
  OUTPUT_BLOCKS,
  PROVIDER_TYPES,
  REFERENCE_ARGUMENTS,
  RESOURCE_META_BLOCKS,
  RESOURCE_TYPES,
  TERRAFORM_BLOCKS,
  TypeSchema,
  UNSUPPORTED_ARGUMENTS,
} from "./terraform-schema";
import { escapeLiteral, hclString, quotedTemplate } from "./template";
import { Json, isObject } from "../lib/json";

/** A problem with the input that the export cannot render faithfully. */
export class RenderError extends Error {}

export interface RenderedFile {
  readonly name: ConcernFile;
  /** HCL, not yet formatted. */
  readonly text: string;
}

const INDENT = "  ";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Bare object keys that HCL would read as something else (`{ for … }`). */
const KEYWORDS = new Set(["for", "in", "if", "true", "false", "null"]);

/** A block label: a literal string, never a template. */
const label = (text: string) => `"${escapeLiteral(text)}"`;

function objectKey(key: string): string {
  return IDENTIFIER.test(key) && !KEYWORDS.has(key) ? key : quotedTemplate(key);
}

/** An attribute value (an expression) at `depth`. */
function value(input: unknown, depth: number, where: string): string {
  if (typeof input === "string") return hclString(input);
  if (typeof input === "number") {
    if (!Number.isFinite(input))
      throw new RenderError(`${where}: ${input} is not a Terraform number`);
    return String(input);
  }
  if (typeof input === "boolean" || input === null) return String(input);
  const inner = INDENT.repeat(depth + 1);
  const outer = INDENT.repeat(depth);
  if (Array.isArray(input)) {
    const items = input.map((item, i) =>
      value(item, depth + 1, `${where}[${i}]`),
    );
    const flat = `[${items.join(", ")}]`;
    return items.every((item) => !item.includes("\n")) && flat.length <= 100
      ? flat
      : `[\n${items.map((item) => `${inner}${item},`).join("\n")}\n${outer}]`;
  }
  if (isObject(input)) {
    const entries = Object.entries(input);
    if (entries.length === 0) return "{}";
    const lines = entries.map(
      ([key, item]) =>
        `${inner}${objectKey(key)} = ${value(item, depth + 1, `${where}.${key}`)}`,
    );
    return `{\n${lines.join("\n")}\n${outer}}`;
  }
  throw new RenderError(`${where}: ${JSON.stringify(input)} is not JSON`);
}

/** A reference written bare: `aws.us_east_1`, `aws_vpc.x`, `tags`. */
function reference(input: unknown, where: string): string {
  const text =
    typeof input === "string"
      ? input.replace(/^\$\{(.*)\}$/s, "$1").trim()
      : undefined;
  if (!text || !/^[A-Za-z_][\w.\-[\]"*]*$/.test(text))
    throw new RenderError(
      `${where}: expected a reference such as aws.us_east_1, got ${JSON.stringify(input)}`,
    );
  return text;
}

function referenceValue(input: unknown, where: string): string {
  return Array.isArray(input)
    ? `[${input.map((item, i) => reference(item, `${where}[${i}]`)).join(", ")}]`
    : reference(input, where);
}

/** The items of a block: JSON gives one as an object, several as a list. */
function blockItems(input: unknown, where: string): Json[] {
  const items = Array.isArray(input) ? input : [input];
  return items.map((item, i) => {
    if (!isObject(item))
      throw new RenderError(
        `${where}${Array.isArray(input) ? `[${i}]` : ""}: expected a block (an object), got ${JSON.stringify(item)}`,
      );
    return item;
  });
}

/** Where a key goes in a body: meta-arguments first, then attributes, blocks, lifecycle. */
const GROUPS = ["meta", "attributes", "blocks", "late"] as const;
const FIRST = new Set(["provider", "count", "for_each"]);
const LAST = new Set(["lifecycle", "depends_on"]);

/**
 * The lines of a block body. `//` keys are JSON comments (cdktf's
 * metadata) and are dropped at this level only: inside an attribute's
 * value they would be ordinary keys.
 */
function body(
  input: Json,
  blocks: BlockSchema,
  depth: number,
  where: string,
): string[] {
  const indent = INDENT.repeat(depth);
  const groups: Record<(typeof GROUPS)[number], string[]> = {
    meta: [],
    attributes: [],
    blocks: [],
    late: [],
  };
  for (const [key, item] of Object.entries(input)) {
    const at = `${where}.${key}`;
    if (key === "//" || item === undefined) continue;
    if (UNSUPPORTED_ARGUMENTS.has(key))
      throw new RenderError(`${at}: "${key}" is not supported by the export`);
    if (!IDENTIFIER.test(key))
      throw new RenderError(`${at}: not a valid argument name`);
    const isBlock = key in blocks;
    const group = LAST.has(key)
      ? groups.late
      : isBlock
        ? groups.blocks
        : FIRST.has(key)
          ? groups.meta
          : groups.attributes;
    if (isBlock) {
      for (const [i, block] of blockItems(item, at).entries()) {
        if (group.length > 0 && group === groups.blocks) group.push("");
        group.push(
          `${indent}${key} {`,
          ...body(block, blocks[key], depth + 1, `${at}[${i}]`),
          `${indent}}`,
        );
      }
    } else if (REFERENCE_ARGUMENTS.has(key)) {
      group.push(`${indent}${key} = ${referenceValue(item, at)}`);
    } else {
      group.push(`${indent}${key} = ${value(item, depth, at)}`);
    }
  }
  return GROUPS.map((name) => groups[name])
    .filter((lines) => lines.length > 0)
    .flatMap((lines, i) => (i === 0 ? lines : ["", ...lines]));
}

function block(header: string, lines: string[]): string {
  return [`${header} {`, ...lines, "}"].join("\n");
}

/** Resources or data sources: `{ type: { name: body } }`. */
function typedBlocks(
  kind: "resource" | "data",
  input: unknown,
  types: Readonly<Record<string, TypeSchema>>,
  add: (file: ConcernFile, text: string) => void,
) {
  if (input === undefined) return;
  if (!isObject(input)) throw new RenderError(`${kind}: expected an object`);
  const unknown = Object.keys(input).filter((type) => !(type in types));
  if (unknown.length > 0)
    throw new RenderError(
      `${kind}.${unknown[0]}: the export does not know this ${kind === "data" ? "data source" : "resource"} type; add it, with its nested blocks, to src/export/terraform-schema.ts`,
    );
  // The table's order: within a concern, a VPC reads before its subnets.
  for (const [type, schema] of Object.entries(types)) {
    const byName = input[type];
    if (byName === undefined) continue;
    if (!isObject(byName))
      throw new RenderError(`${kind}.${type}: expected an object of names`);
    const blocks = { ...schema.blocks, ...RESOURCE_META_BLOCKS };
    for (const [name, item] of Object.entries(byName)) {
      const where = `${kind}.${type}.${name}`;
      if (!isObject(item))
        throw new RenderError(`${where}: expected an object`);
      add(
        schema.file,
        block(
          `${kind} ${label(type)} ${label(name)}`,
          body(item, blocks, 1, where),
        ),
      );
    }
  }
}

function providers(input: unknown, add: (text: string) => void) {
  if (input === undefined) return;
  if (!isObject(input)) throw new RenderError("provider: expected an object");
  for (const [type, configs] of Object.entries(input)) {
    const blocks = PROVIDER_TYPES[type];
    if (!blocks)
      throw new RenderError(
        `provider.${type}: the export does not know this provider; add its blocks to src/export/terraform-schema.ts`,
      );
    for (const [i, config] of blockItems(configs, `provider.${type}`).entries())
      add(
        block(
          `provider ${label(type)}`,
          body(config, blocks, 1, `provider.${type}[${i}]`),
        ),
      );
  }
}

/**
 * The `terraform` block without the local backend. Any other backend is
 * refused: the stacks use the local one or Terraform Cloud's `cloud` block.
 */
function terraformBlock(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  if (!isObject(input)) throw new RenderError("terraform: expected an object");
  const { backend, ...rest } = input;
  if (backend !== undefined) {
    const types = isObject(backend) ? Object.keys(backend) : [];
    const others = types.filter((type) => type !== "local");
    if (!isObject(backend) || others.length > 0)
      throw new RenderError(
        `terraform.backend: only cdktf's default local backend (dropped) and Terraform Cloud's cloud block are exported, got ${JSON.stringify(others)}`,
      );
  }
  // Versions first, then where the state lives.
  const { required_version, required_providers, ...others } = rest;
  const lines = body(
    { required_version, required_providers, ...others },
    TERRAFORM_BLOCKS,
    1,
    "terraform",
  );
  return lines.length > 0 ? block("terraform", lines) : undefined;
}

function outputs(input: unknown, add: (text: string) => void) {
  if (input === undefined) return;
  if (!isObject(input)) throw new RenderError("output: expected an object");
  for (const [name, item] of Object.entries(input)) {
    if (!isObject(item))
      throw new RenderError(`output.${name}: expected an object`);
    // `value` first: it is what a reader looks for.
    const { value: outputValue, ...rest } = item;
    add(
      block(
        `output ${label(name)}`,
        body(
          { value: outputValue, ...rest },
          OUTPUT_BLOCKS,
          1,
          `output.${name}`,
        ),
      ),
    );
  }
}

const TOP_LEVEL = new Set([
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "output",
]);

/** Renders one stack's Terraform JSON as HCL files; files with nothing to hold are left out. */
export function renderStack(stack: unknown, stackName: string): RenderedFile[] {
  if (!isObject(stack))
    throw new RenderError("expected the stack's Terraform JSON (an object)");
  const unknown = Object.keys(stack).filter((key) => !TOP_LEVEL.has(key));
  if (unknown.length > 0)
    throw new RenderError(
      `the export does not render top-level ${unknown.map((key) => `"${key}"`).join(", ")}`,
    );
  const byFile = new Map<ConcernFile, string[]>();
  const add = (file: ConcernFile, text: string) =>
    byFile.set(file, [...(byFile.get(file) ?? []), text]);

  const settings = terraformBlock(stack.terraform);
  if (settings) add("terraform.tf", settings);
  providers(stack.provider, (text) => add("providers.tf", text));
  typedBlocks("data", stack.data, DATA_SOURCE_TYPES, add);
  typedBlocks("resource", stack.resource, RESOURCE_TYPES, add);
  outputs(stack.output, (text) => add("outputs.tf", text));

  return (Object.keys(CONCERN_FILES) as ConcernFile[])
    .filter((file) => byFile.has(file))
    .map((file) => ({
      name: file,
      text: [
        `# ${CONCERN_FILES[file]}`,
        `# Generated by \`npm run export\` from the synthesized stack "${stackName}"; edit the config, not this file.`,
        "",
        (byFile.get(file) ?? []).join("\n\n"),
        "",
      ].join("\n"),
    }));
}
