/**
 * docs/config.md: every field of the config file, rendered from its JSON
 * Schema (itself generated from the zod schema, src/config/schema.ts), so
 * the reference cannot drift from the validator. The rules that relate
 * fields to each other are prose, in docs/validation.md.
 */
import { configJsonSchema } from "../../src/config/schema";

/** The part of JSON Schema that the config's schema uses. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** One field of the config: its path (`services[].endpointVpc.cidr`). */
export interface Field {
  readonly path: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  /** The field holding it, for a heading per object. */
  readonly depth: number;
}

/**
 * Every property path of the schema, depth first, in the schema's order:
 * `[]` is an array's item, `<key>` a map's key.
 */
export function fieldsOf(schema: JsonSchema, prefix = "", depth = 0): Field[] {
  const fields: Field[] = [];
  const visit = (node: JsonSchema, path: string, required: boolean) => {
    fields.push({ path, schema: node, required, depth });
    fields.push(...fieldsOf(node, path, depth + 1));
  };
  for (const [name, child] of Object.entries(schema.properties ?? {}))
    visit(
      child,
      prefix ? `${prefix}.${name}` : name,
      (schema.required ?? []).includes(name),
    );
  if (
    schema.items &&
    (schema.items.properties || schema.items.additionalProperties)
  )
    fields.push(...fieldsOf(schema.items, `${prefix}[]`, depth));
  if (typeof schema.additionalProperties === "object")
    visit(schema.additionalProperties, `${prefix}.<key>`, false);
  return fields;
}

function typeOf(schema: JsonSchema): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(" or ");
  if (schema.type === "array")
    return schema.items ? `list of ${typeOf(schema.items)}` : "list";
  if (schema.type === "object")
    return typeof schema.additionalProperties === "object"
      ? `map of ${typeOf(schema.additionalProperties)}`
      : "object";
  if (schema.enum) return "string";
  return Array.isArray(schema.type)
    ? schema.type.join(" or ")
    : String(schema.type ?? "any");
}

const code = (value: unknown) =>
  `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

function constraintsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  const item = schema.items;
  if (schema.enum) out.push(`one of ${schema.enum.map(code).join(", ")}`);
  if (schema.pattern) out.push(`matches ${code(schema.pattern)}`);
  if (schema.minLength !== undefined)
    out.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined)
    out.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) out.push(`at least ${schema.minimum}`);
  if (schema.maximum !== undefined) out.push(`at most ${schema.maximum}`);
  if (schema.minItems !== undefined)
    out.push(
      `at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`,
    );
  if (schema.maxItems !== undefined)
    out.push(`at most ${schema.maxItems} items`);
  if (schema.propertyNames?.description)
    out.push(`keys: ${schema.propertyNames.description}`);
  for (const alternative of schema.anyOf ?? schema.oneOf ?? [])
    out.push(
      ...constraintsOf(alternative).map((c) => `${typeOf(alternative)}: ${c}`),
    );
  if (item && !item.properties)
    out.push(...constraintsOf(item).map((c) => `each ${c}`));
  return out;
}

/** The default: the schema's `default`, else the one its description names. */
function defaultOf(schema: JsonSchema): string | undefined {
  if (schema.default !== undefined) return code(schema.default);
  // An enum's description may name its default: `"peering" (default: …)`.
  const chosen = /"([^"]+)" \(default/.exec(schema.description ?? "");
  if (chosen && schema.enum?.includes(chosen[1])) return code(chosen[1]);
  const named = /\(default:? ([^)]+)\)|default: ([^;)]+)/.exec(
    schema.description ?? "",
  );
  return named ? (named[1] ?? named[2]).trim() : undefined;
}

/**
 * Markdown escapes for free text from the schema (`*.x.y`, `<prefix>`),
 * outside code spans.
 */
const text = (value: string) =>
  value
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replace(/([*<>[\]])/g, "\\$1"),
    )
    .join("");

function fieldSection(field: Field): string {
  const { schema } = field;
  const lines = [
    `${"#".repeat(Math.min(3 + field.depth, 6))} \`${field.path}\``,
    "",
  ];
  const description = schema.description ?? schema.items?.description;
  if (description)
    lines.push(`${text(description)}.`.replace(/\.\.$/, "."), "");
  lines.push(`- Type: ${typeOf(schema)}`);
  lines.push(`- ${field.required ? "Required" : "Optional"}`);
  const fallback = defaultOf(schema);
  if (fallback) lines.push(`- Default: ${text(fallback)}`);
  const constraints = constraintsOf(schema);
  if (constraints.length > 0)
    lines.push(`- Constraints: ${constraints.map(text).join("; ")}`);
  if (schema.items?.description && schema.description)
    lines.push(`- Each item: ${text(schema.items.description)}`);
  return lines.join("\n");
}

/** The whole of docs/config.md. */
export function renderConfigReference(
  schema: JsonSchema = configJsonSchema() as JsonSchema,
): string {
  const fields = fieldsOf(schema);
  return [
    "# Config reference",
    "",
    "<!-- Generated by npm run docs from src/config/schema.ts; do not edit. -->",
    "",
    "The config file is `config/default.json`, or the file `PRIVATELINK_CONFIG` names. A relative",
    "`PRIVATELINK_CONFIG` is read from the directory you ran npm in (npm's `INIT_CWD`; the working",
    "directory when run without npm), and messages name the file by its absolute path.",
    "",
    "It is JSON (a UTF-8 byte order mark is fine) or, when its name ends in `.yaml` or `.yml`,",
    "YAML 1.2 (anchors and `<<` merge keys allowed). Both are read into the same document, checked",
    "against the same schema and reported at the same paths (`services[0].ports[1]`). Syntax errors",
    "are all reported at once, each by line and column: YAML's parser recovers from each; in JSON the",
    "first is JSON.parse's, and the rest come from VS Code's tolerant parser (jsonc-parser), one per",
    "line after it (what follows an error on its own line is mostly that error's echo). A file that",
    "ends before its JSON does (cut short, or a bracket never closed) is said once, in those words,",
    "just past its last character; an empty file is called empty.",
    "",
    "Both are validated against `config/schema.json`, generated from the validator's own schema: it",
    "states every rule JSON Schema can (patterns, ranges, each connectivity's required and forbidden",
    "fields); the few it cannot are listed in [validation.md](validation.md#the-editors-schema).",
    "Point your editor at it for completion and checks: in JSON through `$schema`, in YAML (the",
    "YAML extension of VS Code and other editors using yaml-language-server) through a first-line",
    "comment with a path relative to the file:",
    "",
    "```yaml",
    "# yaml-language-server: $schema=../config/schema.json",
    "services:",
    "  - name: internal-api",
    "    serviceName: com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
    "    region: us-east-1",
    "    ports: [443, 8000-8010]",
    "    dnsNames: [internal-api.example.com]",
    "    endpointVpc:",
    "      cidr: 10.100.0.0/24",
    "      azIds: [use1-az1, use1-az2]",
    "    consumers:",
    "      - &seoul",
    "        name: seoul",
    "        region: ap-northeast-2",
    "        vpcId: vpc-0b1c2d3e4f5a6b7c8",
    "        cidrs: [10.0.0.0/16]",
    "        routeTableIds: [rtb-0a1b2c3d4e5f60718]",
    "      - <<: *seoul # the same region, another VPC",
    "        name: seoul-batch",
    "        vpcId: vpc-0aaaaaaaaaaaaaaa1",
    "        cidrs: [10.1.0.0/16]",
    "        routeTableIds: [rtb-0aaaaaaaaaaaaaaa1]",
    "      - name: tokyo",
    "        region: ap-northeast-1",
    "        connectivity: native",
    "        vpcId: vpc-0cccccccccccccc03",
    "        cidrs: [10.2.0.0/16]",
    "        subnetIds: [subnet-0a1b2c3d4e5f60718]",
    "```",
    "",
    "This page lists every field of that schema with its type, whether it is required, its default",
    "and its constraints. The rules that relate fields to each other (overlaps, AZs of the service's",
    "region, modes, quotas, the subnet layout) are in [validation.md](validation.md).",
    "",
    "Paths: `services[]` is an item of the `services` list, `tags.<key>` any key of the map.",
    "",
    "## Fields",
    "",
    fields
      .map((field) => `- [\`${field.path}\`](#${anchorOf(field.path)})`)
      .join("\n"),
    "",
    ...fields.flatMap((field) => [fieldSection(field), ""]),
  ].join("\n");
}

/** GitHub's heading anchor of a field's heading. */
export function anchorOf(path: string): string {
  return path
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}
