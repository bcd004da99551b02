/**
 * Does exported HCL say what the Terraform JSON said? The HCL is read back
 * by a real HCL parser (`@cdktf/hcl2json`, HashiCorp's HCL library compiled
 * to WebAssembly) and both sides are brought to one reading:
 *
 * - hcl2json gives every block as a list (a resource as a list of one
 *   body); JSON gives a single block as an object. Blocks become lists.
 * - hcl2json gives an expression as a `"${…}"` string; so does JSON, apart
 *   from the reference meta-arguments (`"provider": "aws.us_east_1"`),
 *   which must come back as expressions: a quoted reference stays marked
 *   and does not match.
 * - Formatting may change spaces inside an expression; spaces that do not
 *   separate two words are ignored there.
 * - cdktf's `//` metadata and the local backend are not expected back.
 *
 * An attribute rendered as a block (or the reverse) comes back as a list
 * where an object is expected (or the reverse), and does not match.
 */
import {
  BlockSchema,
  DATA_SOURCE_TYPES,
  OUTPUT_BLOCKS,
  PROVIDER_TYPES,
  REFERENCE_ARGUMENTS,
  RESOURCE_META_BLOCKS,
  RESOURCE_TYPES,
  TERRAFORM_BLOCKS,
  TypeSchema,
} from "./terraform-schema";
import { parseHcl as parse } from "./hcl-parser";
import { quotedStringEnd, templateSegments } from "./template";
import { Json, isObject } from "../lib/json";

type Side = "json" | "hcl";

/** An expression's text without the spaces formatting may add or remove. */
function compactExpression(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      const end = quotedStringEnd(text, i + 1);
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (/\s/.test(char)) {
      let j = i;
      while (j < text.length && /\s/.test(text[j])) j += 1;
      if (/\w$/.test(out) && /^\w/.test(text.slice(j))) out += " ";
      i = j;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

function compactTemplate(template: string): string {
  try {
    return templateSegments(template)
      .map((segment) =>
        segment.kind === "literal"
          ? segment.text
          : segment.text.slice(0, 2) +
            compactExpression(segment.text.slice(2, -1)) +
            "}",
      )
      .join("");
  } catch {
    return template;
  }
}

/**
 * hcl2json's reading of JSON strings that are one tuple or object
 * constructor (`"${[a, b]}"`): it reads such an expression as a list or
 * object of its elements, quoted or not.
 */
type ConstructorReadings = ReadonlyMap<string, unknown>;

const isConstructor = (value: string) => {
  if (!/^\$\{\s*[[{]/.test(value) || /^\$\{\s*[[{]\s*for\s/.test(value))
    return false;
  try {
    const segments = templateSegments(value);
    return segments.length === 1 && segments[0].kind === "interpolation";
  } catch {
    return false;
  }
};

function constructorStrings(value: unknown, found: Set<string>): Set<string> {
  if (typeof value === "string" && isConstructor(value)) found.add(value);
  else if (Array.isArray(value))
    value.forEach((item) => constructorStrings(item, found));
  else if (isObject(value))
    Object.values(value).forEach((item) => constructorStrings(item, found));
  return found;
}

async function readConstructors(stack: Json): Promise<ConstructorReadings> {
  const strings = [...constructorStrings(stack, new Set())];
  if (strings.length === 0) return new Map();
  const document = `locals {\n${strings
    .map((text, i) => `v${i} = ${text.slice(2, -1)}`)
    .join("\n")}\n}\n`;
  const { locals } = (await parse("constructors.tf", document)) as {
    locals: Json[];
  };
  const values = locals[0];
  return new Map(strings.map((text, i) => [text, values[`v${i}`]]));
}

function attribute(value: unknown): unknown {
  if (typeof value === "string") return compactTemplate(value);
  if (Array.isArray(value)) return value.map(attribute);
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, attribute(item)]),
    );
  return value;
}

/** `value` with each constructor string replaced by hcl2json's reading of it. */
function withConstructorsRead(
  value: unknown,
  constructors: ConstructorReadings,
): unknown {
  if (typeof value === "string")
    return constructors.has(value) ? constructors.get(value) : value;
  if (Array.isArray(value))
    return value.map((item) => withConstructorsRead(item, constructors));
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        withConstructorsRead(item, constructors),
      ]),
    );
  return value;
}

/** A reference as Terraform sees it; a quoted one read back from HCL stays marked. */
function reference(value: unknown, side: Side): unknown {
  if (Array.isArray(value)) return value.map((item) => reference(item, side));
  if (typeof value !== "string") return value;
  const bare = /^\$\{(.*)\}$/s.exec(value)?.[1].trim();
  if (side === "json") return bare ?? value;
  return bare ?? `(quoted) "${value}"`;
}

function blockList(value: unknown, side: Side): unknown {
  if (side === "json" && !Array.isArray(value)) return [value];
  return value;
}

function body(input: unknown, blocks: BlockSchema, side: Side): unknown {
  if (!isObject(input)) return input;
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "//") continue;
    if (key in blocks) {
      const list = blockList(value, side);
      out[key] = Array.isArray(list)
        ? list.map((item) => body(item, blocks[key], side))
        : list;
    } else if (REFERENCE_ARGUMENTS.has(key)) {
      out[key] = reference(value, side);
    } else {
      out[key] = attribute(value);
    }
  }
  return out;
}

/** hcl2json gives a labeled block as a list of one body. */
function single(value: unknown, side: Side): unknown {
  return side === "hcl" && Array.isArray(value) && value.length === 1
    ? value[0]
    : value;
}

function typed(
  input: unknown,
  types: Readonly<Record<string, TypeSchema>>,
  side: Side,
): unknown {
  if (!isObject(input)) return input;
  return Object.fromEntries(
    Object.entries(input).map(([type, byName]) => [
      type,
      isObject(byName)
        ? Object.fromEntries(
            Object.entries(byName).map(([name, item]) => [
              name,
              body(
                single(item, side),
                { ...(types[type]?.blocks ?? {}), ...RESOURCE_META_BLOCKS },
                side,
              ),
            ]),
          )
        : byName,
    ]),
  );
}

function terraformSettings(input: unknown, side: Side): unknown {
  const settings = single(input, side);
  if (side === "json" && isObject(settings)) {
    const { backend, ...rest } = settings;
    const kept = isObject(backend)
      ? Object.fromEntries(
          Object.entries(backend).filter(([type]) => type !== "local"),
        )
      : backend;
    return body(
      isObject(kept) && Object.keys(kept).length === 0
        ? rest
        : { ...rest, backend: kept },
      TERRAFORM_BLOCKS,
      side,
    );
  }
  return body(settings, TERRAFORM_BLOCKS, side);
}

/** One reading of a stack, from its Terraform JSON or from hcl2json's output. */
export function reading(stack: Json, side: Side): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(stack)) {
    if (key === "//") continue;
    if (key === "resource") out[key] = typed(value, RESOURCE_TYPES, side);
    else if (key === "data") out[key] = typed(value, DATA_SOURCE_TYPES, side);
    else if (key === "provider" && isObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([type, configs]) => [
          type,
          (blockList(configs, side) as unknown[]).map((config) =>
            body(config, PROVIDER_TYPES[type] ?? {}, side),
          ),
        ]),
      );
    else if (key === "output" && isObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, item]) => [
          name,
          body(single(item, side), OUTPUT_BLOCKS, side),
        ]),
      );
    else if (key === "terraform") {
      const settings = terraformSettings(value, side);
      if (!isObject(settings) || Object.keys(settings).length > 0)
        out[key] = settings;
    } else out[key] = value;
  }
  return out;
}

/**
 * Merges hcl2json's readings of several files of one directory, as
 * Terraform does. A block address defined twice is an error of the export.
 */
export function mergeFiles(files: readonly Json[]): Json {
  const merged: Json = {};
  const seen = new Set<string>();
  const claim = (address: string) => {
    if (seen.has(address))
      throw new Error(`${address} is defined in two exported files`);
    seen.add(address);
  };
  for (const file of files) {
    for (const [key, value] of Object.entries(file)) {
      if ((key === "resource" || key === "data") && isObject(value)) {
        const target = (merged[key] ??= {}) as Json;
        for (const [type, byName] of Object.entries(value)) {
          const names = (target[type] ??= {}) as Json;
          for (const [name, item] of Object.entries(byName as Json)) {
            claim(`${key}.${type}.${name}`);
            names[name] = item;
          }
        }
      } else if (key === "output" && isObject(value)) {
        const target = (merged[key] ??= {}) as Json;
        for (const [name, item] of Object.entries(value)) {
          claim(`output.${name}`);
          target[name] = item;
        }
      } else if (key === "provider" && isObject(value)) {
        const target = (merged[key] ??= {}) as Json;
        for (const [type, configs] of Object.entries(value))
          target[type] = [
            ...((target[type] as unknown[]) ?? []),
            ...(configs as unknown[]),
          ];
      } else {
        claim(key);
        merged[key] = value;
      }
    }
  }
  return merged;
}

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined
    ? "nothing"
    : text.length > 160
      ? `${text.slice(0, 157)}...`
      : text;
};

/** Where two readings differ, as `path: expected …, read back …` lines. */
export function differences(
  expected: unknown,
  actual: unknown,
  path = "",
): string[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [
      ...new Set([...Object.keys(expected), ...Object.keys(actual)]),
    ];
    return keys.flatMap((key) =>
      differences(expected[key], actual[key], path ? `${path}.${key}` : key),
    );
  }
  if (
    Array.isArray(expected) &&
    Array.isArray(actual) &&
    expected.length === actual.length
  ) {
    return expected.flatMap((item, i) =>
      differences(item, actual[i], `${path}[${i}]`),
    );
  }
  return Object.is(expected, actual) ||
    JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [`${path}: expected ${show(expected)}, read back ${show(actual)}`];
}

/** The differences between a stack's Terraform JSON and hcl2json's readings of its exported files. */
export async function roundTripDifferences(
  stack: Json,
  parsedFiles: readonly Json[],
): Promise<string[]> {
  const constructors = await readConstructors(stack);
  return differences(
    reading(withConstructorsRead(stack, constructors) as Json, "json"),
    reading(mergeFiles(parsedFiles), "hcl"),
  );
}
