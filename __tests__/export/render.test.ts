/**
 * The export's renderer: values, blocks and meta-arguments as Terraform
 * reads them, the read-back check that catches a wrong rendering, and the
 * block table against the provider's schema.
 */
import {
  TerraformDataSource,
  TerraformProvider,
  TerraformResource,
  Testing,
} from "cdktf";
import type { IConstruct } from "constructs";
import { renderStack } from "../../src/export/render";
import { roundTripDifferences } from "../../src/export/round-trip";
import {
  BlockSchema,
  DATA_SOURCE_TYPES,
  PROVIDER_TYPES,
  RESOURCE_TYPES,
} from "../../src/export/terraform-schema";
import { RawObject } from "../../test-support/configs";
import {
  allText,
  everyFeature,
  multiService,
  readBack,
  roundTrip,
  synthAndExport,
} from "../../test-support/export";

describe("rendering values", () => {
  test("strings: quotes, backslashes, newlines, escapes and interpolations survive as Terraform reads them", async () => {
    const tricky = {
      quotes: 'say "hi" \\ back\\slash',
      lines: "one\ntwo\tthree\r",
      escaped: "$${literal} %%{literal}",
      template: '${aws_vpc.x.id}-${jsonencode({ "a" = "}" })}',
      expression: "${aws_vpc.x.id}",
      forExpression: "${[for e in aws_vpc.x.tags : e]}",
      tuple: '${["a", aws_vpc.x.id]}',
      unicode: "é ☃",
      control: "bell\u0007 del\u007f",
      map: { "aws:key": "v", Name: "n", for: "keyword", "//": "a key" },
      numbers: [0, -1, 1.5, 65535],
      flags: [true, false, null],
    };
    const json = {
      resource: {
        aws_vpc: { x: { provider: "aws.us_east_1", tags: tricky } },
      },
    };
    const { files, readings } = await roundTrip(json);
    expect(await roundTripDifferences(json, readings)).toEqual([]);
    const text = allText(files);
    expect(text).toContain("aws_vpc.x.id\n");
    expect(text).toContain('"${aws_vpc.x.id}-${jsonencode({ "a" = "}" })}"');
    expect(text).toMatch(/"\/\/"\s+= "a key"/);
    expect(text).toMatch(/"for"\s+= "keyword"/);
  });

  test("blocks follow the provider schema: tags is a map attribute; alias, vpc, default_tags, lifecycle and precondition are blocks", async () => {
    // internal-api is the hub-and-spoke service
    const { files } = await synthAndExport(multiService());
    const text = allText(files["internal-api"]);
    expect(text).toMatch(/^ {2}tags = \{$/m);
    expect(files["internal-api"].get("dns.tf")).toMatch(/^ {2}alias \{$/m);
    expect(files["internal-api"].get("dns.tf")).not.toMatch(/alias\s*=/);
    expect(text).toMatch(/^ {2}vpc \{$/m);
    expect(text).toMatch(/^ {2}default_tags \{$/m);
    expect(text).toMatch(/^ {2}lifecycle \{\n {4}precondition \{$/m);
    expect(text).not.toMatch(
      /\b(vpc|default_tags|lifecycle|precondition)\s*= /,
    );
  });

  test("meta-arguments: provider, depends_on and lifecycle references are bare; count is an expression", async () => {
    const json = {
      resource: {
        aws_vpc: {
          x: {
            provider: "aws.us_east_1",
            count: "${length(var.cidrs)}",
            depends_on: ["aws_route_table.y", "data.aws_availability_zone.z"],
            lifecycle: {
              ignore_changes: ["tags"],
              replace_triggered_by: ["${aws_route_table.y.id}"],
              prevent_destroy: true,
            },
          },
        },
      },
    };
    const { files, readings } = await roundTrip(json);
    expect(await roundTripDifferences(json, readings)).toEqual([]);
    const text = allText(files);
    expect(text).toContain(
      "  provider = aws.us_east_1\n  count    = length(var.cidrs)\n",
    );
    expect(text).toContain(
      "depends_on = [aws_route_table.y, data.aws_availability_zone.z]",
    );
    expect(text).toMatch(/ignore_changes\s+= \[tags\]/);
    expect(text).toMatch(/replace_triggered_by = \[aws_route_table\.y\.id\]/);
  });

  test("an unknown resource type, an unsupported meta-argument or another backend fails, naming it", () => {
    expect(() =>
      renderStack({ resource: { aws_instance: { x: {} } } }, "s"),
    ).toThrow(
      "resource.aws_instance: the export does not know this resource type; add it, with its nested blocks, to src/export/terraform-schema.ts",
    );
    expect(() =>
      renderStack({ resource: { aws_vpc: { x: { dynamic: {} } } } }, "s"),
    ).toThrow('resource.aws_vpc.x.dynamic: "dynamic" is not supported');
    expect(() =>
      renderStack({ terraform: { backend: { s3: { bucket: "b" } } } }, "s"),
    ).toThrow("terraform.backend: only cdktf's default local backend");
    expect(() => renderStack({ locals: { a: 1 } }, "s")).toThrow(
      'the export does not render top-level "locals"',
    );
  });
});

describe("the read-back check catches an export that Terraform would read differently", () => {
  const json = {
    provider: { aws: [{ alias: "us_east_1", region: "us-east-1" }] },
    resource: {
      aws_route53_record: {
        r: {
          provider: "aws.us_east_1",
          name: "a.example.com",
          alias: { name: "${aws_vpc_endpoint.e.dns_entry[0].dns_name}" },
        },
      },
      aws_vpc: { v: { provider: "aws.us_east_1", tags: { Name: "v" } } },
    },
  };
  const differencesAfter = async (edit: (text: string) => string) => {
    const { files } = await roundTrip(json);
    const edited = new Map([...files].map(([n, t]) => [n, edit(t)]));
    return await roundTripDifferences(json, await readBack(edited));
  };

  test("as exported, no difference", async () => {
    expect(await differencesAfter((t) => t)).toEqual([]);
  });

  test("a quoted provider reference", async () => {
    expect(
      await differencesAfter((t) =>
        t.replace("provider = aws.us_east_1", 'provider = "aws.us_east_1"'),
      ),
    ).toEqual([
      'resource.aws_route53_record.r.provider: expected "aws.us_east_1", read back "(quoted) \\"aws.us_east_1\\""',
      'resource.aws_vpc.v.provider: expected "aws.us_east_1", read back "(quoted) \\"aws.us_east_1\\""',
    ]);
  });

  test("a map attribute written as a block, a block written as an attribute", async () => {
    const found = await differencesAfter((t) =>
      t.replace(/tags = \{/, "tags {").replace(/alias \{/, "alias = {"),
    );
    expect(found).toEqual([
      expect.stringMatching(/^resource\.aws_route53_record\.r\.alias: /),
      expect.stringMatching(/^resource\.aws_vpc\.v\.tags: /),
    ]);
  });

  test("a changed value, a missing resource", async () => {
    const found = await differencesAfter((t) =>
      t
        .replace('"a.example.com"', '"b.example.com"')
        .replace(/resource "aws_vpc" "v" \{[^]*?\n\}/, ""),
    );
    expect(found).toEqual([
      'resource.aws_route53_record.r.name: expected "a.example.com", read back "b.example.com"',
      expect.stringMatching(
        /^resource\.aws_vpc: expected \{"v":.*read back nothing$/,
      ),
    ]);
  });
});

describe("the block table agrees with the provider's schema", () => {
  type HclAttribute = { value: unknown; isBlock: boolean };
  type WithHcl = IConstruct & {
    synthesizeHclAttributes(): Record<string, HclAttribute>;
    terraformResourceType: string;
    toTerraform(): Record<string, unknown>;
  };
  const isObject = (v: unknown): v is RawObject =>
    typeof v === "object" && v !== null && !Array.isArray(v);

  /** Every Terraform element of the multi-service stacks, with its kind and type. */
  let elements: { element: WithHcl; kind: string; type: string }[];
  beforeAll(async () => {
    elements = [
      ...terraformElements((await synthAndExport(multiService())).stacks),
      ...terraformElements((await synthAndExport(everyFeature())).stacks),
    ];
  });

  function terraformElements(stacks: readonly IConstruct[]) {
    return stacks.flatMap((stack) =>
      stack.node
        .findAll()
        .filter(
          (c) =>
            typeof (c as Partial<WithHcl>).synthesizeHclAttributes ===
            "function",
        )
        .flatMap((c) => {
          const element = c as WithHcl;
          const kind = TerraformDataSource.isTerraformDataSource(c)
            ? "data"
            : TerraformResource.isTerraformResource(c)
              ? "resource"
              : TerraformProvider.isTerraformProvider(c)
                ? "provider"
                : undefined; // the cloud backend: not in the table
          return kind
            ? [{ element, kind, type: element.terraformResourceType }]
            : [];
        }),
    );
  }

  const schemaOf = (kind: string, type: string): BlockSchema | undefined =>
    kind === "resource"
      ? RESOURCE_TYPES[type]?.blocks
      : kind === "data"
        ? DATA_SOURCE_TYPES[type]?.blocks
        : PROVIDER_TYPES[type];

  /** `[path, isBlock]` for every attribute the element sets, nested blocks included. */
  function attributes(
    attrs: Record<string, HclAttribute>,
    prefix: string[] = [],
  ): [string[], boolean][] {
    return Object.entries(attrs).flatMap(([key, attr]) => {
      const path = [...prefix, key];
      const items = Array.isArray(attr.value) ? attr.value : [attr.value];
      return [
        [path, attr.isBlock] as [string[], boolean],
        ...(attr.isBlock
          ? items.filter(isObject).flatMap((item) => attributes(item, path))
          : []),
      ];
    });
  }

  const inTable = (schema: BlockSchema, path: string[]) => {
    let level: BlockSchema | undefined = schema;
    for (const key of path) level = level?.[key];
    return level !== undefined;
  };

  test("every attribute the stacks set is a block exactly when the table says so", () => {
    const checked = elements.flatMap(({ element, kind, type }) => {
      const schema = schemaOf(kind, type);
      expect([kind, type, schema !== undefined]).toEqual([kind, type, true]);
      return attributes(element.synthesizeHclAttributes()).map(
        ([path, isBlock]) => [
          `${kind}.${type}.${path.join(".")}`,
          inTable(schema ?? {}, path),
          isBlock,
        ],
      );
    });
    expect(checked.filter(([, table, provider]) => table !== provider)).toEqual(
      [],
    );
    // The stacks do set blocks: alias, vpc, default_tags.
    expect(checked.filter(([, , isBlock]) => isBlock).map(([p]) => p)).toEqual(
      expect.arrayContaining([
        "resource.aws_route53_record.alias",
        "resource.aws_route53_zone.vpc",
        "provider.aws.default_tags",
      ]),
    );
  });

  test("every block in the table is a block of the provider's class, and every type is one the stacks emit", () => {
    const camel = (name: string) =>
      name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const configOf = (schema: BlockSchema): RawObject =>
      Object.fromEntries(
        Object.entries(schema).map(([block, nested]) => [
          camel(block),
          configOf(nested),
        ]),
      );
    const scope = Testing.app();
    const seen = new Map<string, new (...args: never[]) => WithHcl>();
    for (const { element, kind, type } of elements)
      seen.set(`${kind}.${type}`, element.constructor as never);
    const tables: [string, Readonly<Record<string, BlockSchema>>][] = [
      [
        "resource",
        Object.fromEntries(
          Object.entries(RESOURCE_TYPES).map(([t, s]) => [t, s.blocks]),
        ),
      ],
      [
        "data",
        Object.fromEntries(
          Object.entries(DATA_SOURCE_TYPES).map(([t, s]) => [t, s.blocks]),
        ),
      ],
      ["provider", PROVIDER_TYPES],
    ];
    const wrong: string[] = [];
    tables.forEach(([kind, types]) => {
      for (const [type, schema] of Object.entries(types)) {
        const Class = seen.get(`${kind}.${type}`);
        expect([`${kind}.${type}`, Class !== undefined]).toEqual([
          `${kind}.${type}`,
          true,
        ]);
        if (!Class) continue;
        const instance = new (
          Class as unknown as new (
            scope: IConstruct,
            id: string,
            config: RawObject,
          ) => WithHcl
        )(scope, `${kind}_${type}`, configOf(schema));
        const found = attributes(instance.synthesizeHclAttributes());
        const check = (level: BlockSchema, prefix: string[]) => {
          for (const [block, nested] of Object.entries(level)) {
            const path = [...prefix, block];
            const attr = found.find(([p]) => p.join(".") === path.join("."));
            if (!attr?.[1]) wrong.push(`${kind}.${type}.${path.join(".")}`);
            check(nested, path);
          }
        };
        check(schema, []);
      }
    });
    expect(wrong).toEqual([]);
  });
});
