/**
 * Reading synthesized Terraform JSON: resources by address, the region of
 * each resource's provider, and what an attribute refers to.
 *
 * Everything is judged from values, never from resource names: an attribute
 * is either a literal, a reference to another resource
 * (`${aws_vpc.endpoint_vpc.id}`), some other expression the verifier cannot
 * evaluate, or absent.
 */

import { JsonObject, isObject } from "../lib/json";

export { isObject };
export type { JsonObject };

/** One resource or data source of the document. */
export interface Resource {
  /** `aws_vpc.endpoint_vpc`, or `data.aws_vpc.shared` for a data source. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: "managed" | "data";
  /** The attributes and blocks, without cdktf's `//` metadata. */
  readonly body: JsonObject;
}

/** A reference to (an attribute of) a resource or data source. */
export interface Reference {
  /** The referenced resource's address. */
  readonly address: string;
  readonly type: string;
  /** What follows the address: `id`, `dns_entry[0].dns_name`; empty for the resource itself. */
  readonly attribute: string;
}

/** An attribute's value, classified. */
export type Value =
  | { readonly kind: "absent" }
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  | { readonly kind: "reference"; readonly reference: Reference }
  | { readonly kind: "expression"; readonly text: string };

/** `type.name` (or `data.type.name`), then an attribute path; `[0]` after the name is a count index. */
const ADDRESS = String.raw`((?:data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*))`;
const WHOLE_REFERENCE = new RegExp(
  String.raw`^\$\{${ADDRESS}((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])*)\}$`,
);
/** A bare address, as `depends_on` lists it. */
const BARE_ADDRESS = new RegExp(`^${ADDRESS}$`);
/** Candidate addresses anywhere inside a template's `${…}` parts. */
const ADDRESS_IN_EXPRESSION = new RegExp(
  String.raw`(?<![\w.-])${ADDRESS}(?=[.[]|\s|\}|\)|,|$)`,
  "g",
);
const INTERPOLATION = /\$\{([^}]*)\}/g;

/** A whole-string `${address.attribute}`, or undefined. */
export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== "string") return undefined;
  const match = WHOLE_REFERENCE.exec(value);
  if (!match) return undefined;
  const [, address, type, , path] = match;
  return { address, type, attribute: path.replace(/^\./, "") };
}

export function classify(value: unknown): Value {
  if (value === undefined || value === null) return { kind: "absent" };
  if (typeof value === "number" || typeof value === "boolean")
    return { kind: "literal", value };
  if (typeof value === "string") {
    const reference = parseReference(value);
    if (reference) return { kind: "reference", reference };
    // `$${` is Terraform's escape for a literal `${`.
    if (/(?<!\$)\$\{/.test(value)) return { kind: "expression", text: value };
    return { kind: "literal", value: value.replace(/\$\$\{/g, "${") };
  }
  return { kind: "expression", text: JSON.stringify(value) };
}

/** How a value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A literal string, or undefined. */
export function literalString(value: unknown): string | undefined {
  const classified = classify(value);
  return classified.kind === "literal" && typeof classified.value === "string"
    ? classified.value
    : undefined;
}

/** A number given as a number or a numeric string (Terraform converts both). */
export function literalNumber(value: unknown): number | undefined {
  const classified = classify(value);
  if (classified.kind !== "literal") return undefined;
  const number =
    typeof classified.value === "number"
      ? classified.value
      : typeof classified.value === "string" && classified.value.trim() !== ""
        ? Number(classified.value)
        : NaN;
  return Number.isFinite(number) ? number : undefined;
}

export function literalBoolean(value: unknown): boolean | undefined {
  const classified = classify(value);
  if (classified.kind !== "literal") return undefined;
  if (typeof classified.value === "boolean") return classified.value;
  if (classified.value === "true") return true;
  if (classified.value === "false") return false;
  return undefined;
}

/**
 * A nested block: Terraform JSON allows one object or a list of objects for
 * a block type, so both read as a list.
 */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** A list attribute's elements (a single non-list value reads as one element). */
export function elements(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The document is not Terraform JSON of the shape a synth writes. */
export class TerraformJsonError extends Error {}

/**
 * One stack's Terraform JSON, indexed by address, with providers resolved to
 * regions and the dependency graph (references plus `depends_on`) at hand.
 */
export class TerraformDocument {
  private readonly byAddress = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  /** Provider alias (`""` for the default provider) -> region, when literal. */
  private readonly providerRegions = new Map<string, string | undefined>();
  private readonly outputs: JsonObject;
  private readonly directDependencies = new Map<string, readonly string[]>();

  constructor(json: unknown) {
    if (!isObject(json))
      throw new TerraformJsonError("expected a JSON object at the top level");
    for (const [mode, key] of [
      ["managed", "resource"],
      ["data", "data"],
    ] as const) {
      const section = json[key];
      if (section === undefined) continue;
      if (!isObject(section))
        throw new TerraformJsonError(`expected "${key}" to be an object`);
      for (const type of Object.keys(section).sort()) {
        const byName = section[type];
        if (!isObject(byName))
          throw new TerraformJsonError(
            `expected "${key}.${type}" to be an object of resources by name`,
          );
        for (const name of Object.keys(byName).sort()) {
          const raw = byName[name];
          if (!isObject(raw))
            throw new TerraformJsonError(
              `expected "${key}.${type}.${name}" to be an object`,
            );
          const { "//": _metadata, ...body } = raw;
          const address =
            mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
          const resource: Resource = { address, type, name, mode, body };
          this.byAddress.set(address, resource);
          const list = this.byType.get(address.replace(/\.[^.]*$/, "")) ?? [];
          list.push(resource);
          this.byType.set(address.replace(/\.[^.]*$/, ""), list);
        }
      }
    }
    const providers = isObject(json.provider) ? json.provider.aws : undefined;
    for (const provider of blocks(providers)) {
      const alias = literalString(provider.alias) ?? "";
      this.providerRegions.set(alias, literalString(provider.region));
    }
    this.outputs = isObject(json.output) ? json.output : {};
  }

  /** Resources of one type (`aws_route`, or `data.aws_vpc`), sorted by name. */
  public resources(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  public get(address: string): Resource | undefined {
    return this.byAddress.get(address);
  }

  /** The resource a value references, when it references one that exists. */
  public referenced(value: unknown, ...types: string[]): Resource | undefined {
    const reference = parseReference(value);
    if (!reference) return undefined;
    const resource = this.byAddress.get(reference.address);
    return resource && (types.length === 0 || types.includes(resource.type))
      ? resource
      : undefined;
  }

  /** An output's `value`, or undefined when the output is missing. */
  public output(name: string): { readonly value: unknown } | undefined {
    const output = this.outputs[name];
    return isObject(output) ? { value: output.value } : undefined;
  }

  /**
   * The region a resource is made in: its `provider` (`aws.us_east_1`, or
   * the default `aws` provider when unset) mapped through `provider.aws[]`.
   */
  public regionOf(resource: Resource): string | undefined {
    const provider = literalString(resource.body.provider);
    const alias =
      provider === undefined ? "" : provider.replace(/^aws(\.|$)/, "");
    if (provider !== undefined && !/^aws(\.|$)/.test(provider))
      return undefined;
    return this.providerRegions.get(alias);
  }

  /** How a resource's provider reads in a message. */
  public providerOf(resource: Resource): string {
    return literalString(resource.body.provider) ?? "the default aws provider";
  }

  /**
   * Addresses a resource waits for: everything it references anywhere in
   * its attributes, and its `depends_on`. Only addresses of this document.
   */
  public dependenciesOf(address: string): readonly string[] {
    const cached = this.directDependencies.get(address);
    if (cached) return cached;
    const resource = this.byAddress.get(address);
    const found = new Set<string>();
    if (resource) {
      const { depends_on: dependsOn, ...attributes } = resource.body;
      for (const entry of elements(dependsOn)) {
        const text = typeof entry === "string" ? entry : "";
        const bare = BARE_ADDRESS.exec(text.replace(/^\$\{(.*)\}$/, "$1"));
        if (bare) found.add(bare[1]);
      }
      visitStrings(attributes, (text) => {
        for (const [, expression] of text.matchAll(INTERPOLATION)) {
          for (const match of expression.matchAll(ADDRESS_IN_EXPRESSION))
            found.add(match[1]);
        }
      });
    }
    const existing = [...found].filter((a) => this.byAddress.has(a)).sort();
    this.directDependencies.set(address, existing);
    return existing;
  }

  /** Whether Terraform makes `address` only after `dependency` (directly or through others). */
  public waitsFor(address: string, dependency: string): boolean {
    const seen = new Set<string>([address]);
    const queue = [address];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const next of this.dependenciesOf(current)) {
        if (next === dependency) return true;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  }
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value))
    for (const item of value) visitStrings(item, visit);
  else if (isObject(value))
    for (const item of Object.values(value)) visitStrings(item, visit);
}
