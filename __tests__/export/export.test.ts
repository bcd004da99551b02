/**
 * `npm run export`: plain Terraform that says what the synthesized JSON
 * says. Each stack is exported in memory and read back with hcl2json, a
 * real HCL parser, as Terraform would read the files.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "@cdktf/hcl-tools";
import { parseHcl as parse } from "../../src/export/hcl-parser";
import {
  TerraformDataSource,
  TerraformProvider,
  TerraformResource,
  Testing,
} from "cdktf";
import type { IConstruct } from "constructs";
import { synthesize } from "../../src/app";
import { exportCommand } from "../../src/export/command";
import { renderStack } from "../../src/export/render";
import { roundTripDifferences } from "../../src/export/round-trip";
import {
  BlockSchema,
  DATA_SOURCE_TYPES,
  PROVIDER_TYPES,
  RESOURCE_TYPES,
} from "../../src/export/terraform-schema";
import {
  ROOT,
  RawObject,
  addresses,
  defaultRawConfig,
  hubAndSpokeService,
  rawConfig,
  rawConsumer,
  rawService,
  validConfig,
} from "../../test-support/fixtures";
import {
  SynthesizedAndExported,
  addressesIn,
  readBack,
  synthAndExport,
} from "../../test-support/export";

const TFC = {
  organization: "acme",
  workspacePrefix: "privatelink-",
  project: "Network",
};

/** Two services, one hub and spoke across three regions, in Terraform Cloud. */
const multiService = () => ({
  ...rawConfig(
    hubAndSpokeService(),
    rawService({
      name: "billing",
      dnsNames: [],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      consumers: [
        {
          name: "seoul",
          region: "ap-northeast-2",
          vpcId: "vpc-0b1c2d3e4f5a6b7c8",
          cidrs: ["10.0.0.0/16"],
          routeTableIds: ["rtb-0a1b2c3d4e5f60719"],
        },
      ],
    }),
  ),
  terraformCloud: TFC,
});

/** Native and cross-account consumers beside peered ones: every type and block the stacks emit. */
const everyFeature = () =>
  rawConfig(
    rawService({
      roleArn: "arn:aws:iam::111111111111:role/privatelink-network",
      dnsNames: ["internal-api.example.com", "*.data.example.com"],
      consumers: [
        rawConsumer("seoul", {
          roleArn: "arn:aws:iam::222222222222:role/privatelink-app",
        }),
        {
          name: "frankfurt",
          connectivity: "native",
          region: "eu-central-1",
          vpcId: "vpc-0bbbbbbbbbbbbbbb2",
          cidrs: ["10.2.0.0/16"],
          subnetIds: ["subnet-0bbbbbbbbbbbbbbb2"],
        },
      ],
    }),
    rawService({
      name: "billing",
      dnsNames: ["billing.example.com"],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1"] },
      consumers: [
        rawConsumer("seoul", {
          roleArn: "arn:aws:iam::222222222222:role/privatelink-app",
          routeTableIds: ["rtb-0a1b2c3d4e5f60719"],
        }),
      ],
    }),
  );

const allText = (files: ReadonlyMap<string, string>) =>
  [...files.values()].join("\n");

describe.each([
  ["the default config", () => defaultRawConfig(), ["internal-api"]],
  [
    "a multi-service config in Terraform Cloud",
    multiService,
    ["billing", "internal-api"],
  ],
  [
    "native and cross-account consumers",
    everyFeature,
    ["billing", "internal-api"],
  ],
])("export of %s", (_title, config, stackNames) => {
  let exported: SynthesizedAndExported;
  const readings: Record<string, RawObject[]> = {};
  beforeAll(async () => {
    exported = await synthAndExport(config());
    for (const name of stackNames)
      readings[name] = await readBack(exported.files[name]);
  });

  test("one directory of files per stack", () => {
    expect(Object.keys(exported.files).sort()).toEqual(stackNames);
  });

  // exportStack itself throws when the read-back differs from the JSON (its
  // own tests are below); here, what a reader of the files relies on.
  test("read back, it has the synthesized JSON's addresses, outputs and providers", async () => {
    for (const name of stackNames) {
      const json = exported.json[name];
      const read = readings[name];
      expect(addressesIn(read)).toEqual(addresses(JSON.stringify(json)));
      const outputs = read.flatMap((r) => Object.keys(r.output ?? {}));
      expect(outputs.sort()).toEqual(Object.keys(json.output).sort());
      const aliases = read.flatMap((r) =>
        (r.provider?.aws ?? []).map((p: RawObject) => p.alias),
      );
      expect(aliases).toEqual(json.provider.aws.map((p: RawObject) => p.alias));
    }
  });

  test("provider references are bare expressions, never quoted strings", () => {
    for (const name of stackNames) {
      const text = allText(exported.files[name]);
      expect(text).not.toMatch(/provider\s*=\s*"/);
      expect(text).not.toMatch(/depends_on\s*=\s*\[\s*"/);
      const resourceCount = addresses(
        JSON.stringify(exported.json[name]),
      ).length;
      expect(text.match(/^ {2}provider = aws\.[a-z0-9_]+$/gm)).toHaveLength(
        resourceCount,
      );
    }
  });

  test("no cdktf metadata, no backend, no path of this machine", () => {
    for (const name of stackNames) {
      const text = allText(exported.files[name]);
      expect(text).not.toContain("//");
      expect(text).not.toMatch(/metadata|uniqueId|backend|tfstate/);
      expect(text).not.toContain(ROOT);
    }
  });

  test("terraform fmt style: formatting again changes nothing", async () => {
    for (const name of stackNames)
      for (const text of exported.files[name].values())
        expect(await format(text)).toBe(text);
  });

  test("resources are grouped in files by concern, decided by resource type", () => {
    const concernOf = (reading: RawObject) => ({
      resources: Object.keys(reading.resource ?? {}).sort(),
      data: Object.keys(reading.data ?? {}).sort(),
    });
    for (const name of stackNames) {
      const files = [...exported.files[name].keys()];
      const byFile = Object.fromEntries(
        files.map((file, i) => [file, concernOf(readings[name][i])]),
      );
      expect(byFile["endpoint_vpc.tf"]).toEqual({
        resources: [
          "aws_route_table",
          "aws_route_table_association",
          "aws_subnet",
          "aws_vpc",
        ],
        data: ["aws_availability_zone", "aws_vpc_endpoint_service"],
      });
      expect(byFile["endpoint.tf"].resources).toEqual([
        "aws_security_group",
        "aws_vpc_endpoint",
        "aws_vpc_security_group_ingress_rule",
      ]);
      expect(byFile["peering.tf"].resources).toEqual([
        "aws_route",
        "aws_vpc_peering_connection",
        "aws_vpc_peering_connection_accepter",
      ]);
      const zones = exported.json[name].resource.aws_route53_zone;
      if (zones)
        expect(byFile["dns.tf"].resources).toEqual([
          "aws_route53_record",
          "aws_route53_zone",
        ]);
      else expect(files).not.toContain("dns.tf");
      expect(
        Object.keys(readings[name][files.indexOf("providers.tf")]),
      ).toEqual(["provider"]);
      expect(Object.keys(readings[name][files.indexOf("outputs.tf")])).toEqual([
        "output",
      ]);
    }
  });
});

/** Exports a stack's JSON (in memory) and reads it back. */
async function roundTrip(json: RawObject) {
  const files = new Map(
    await Promise.all(
      renderStack(json, "test").map(async (file): Promise<[string, string]> => [
        file.name,
        await format(file.text),
      ]),
    ),
  );
  return { files, readings: await readBack(files) };
}

describe("the Terraform Cloud block", () => {
  test("with terraformCloud: a cloud block per stack naming its workspace and project, in terraform.tf", async () => {
    const { files } = await synthAndExport(multiService());
    for (const name of ["billing", "internal-api"]) {
      const { terraform } = (await parse(
        "terraform.tf",
        files[name].get("terraform.tf")!,
      )) as RawObject;
      expect(terraform).toHaveLength(1);
      expect(terraform[0].cloud).toEqual([
        {
          organization: "acme",
          workspaces: [{ name: `privatelink-${name}`, project: "Network" }],
        },
      ]);
      expect(terraform[0].backend).toBeUndefined();
    }
  });

  test("without Terraform Cloud: no cloud block and no backend at all (cdktf's local one holds a machine path)", async () => {
    const json = {
      terraform: {
        backend: { local: { path: "/home/someone/terraform.x.tfstate" } },
        required_providers: { aws: { source: "aws", version: "6.25.0" } },
      },
    };
    const { files, readings } = await roundTrip(json);
    expect(readings[0].terraform[0]).toEqual({
      required_providers: [{ aws: { source: "aws", version: "6.25.0" } }],
    });
    expect(allText(files)).not.toMatch(/backend|cloud|someone/);
  });
});

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

describe("snapshot", () => {
  test("the default stack's exported files", async () => {
    const { files } = await synthAndExport(defaultRawConfig());
    expect(Object.fromEntries(files["internal-api"])).toMatchSnapshot();
  });
});

describe("the export command: writing, --check, and what it owns", () => {
  let outdir: string;
  let dir: string;
  /** `npm run synth`'s output for `raw`, in-process: manifest, stacks, local backend. */
  const synthesizeInto = (raw: unknown) => {
    rmSync(outdir, { recursive: true, force: true });
    synthesize(validConfig(raw), outdir);
  };
  const command = async (...args: string[]) => {
    const out = { stdout: "", stderr: "" };
    const code = await exportCommand(
      args,
      { CDKTF_OUTDIR: outdir, EXPORT_DIR: dir },
      {
        stdout: (text) => (out.stdout += text),
        stderr: (text) => (out.stderr += text),
      },
    );
    return { code, ...out };
  };

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), "privatelink-export-"));
    outdir = join(root, "out");
    dir = join(root, "terraform");
  });

  test("writes every stack, then reruns byte-identical; --check passes, and fails on a hand edit", async () => {
    // Without Terraform Cloud: cdktf writes its local backend.
    const { terraformCloud: _cloud, ...withoutCloud } = multiService();
    synthesizeInto(withoutCloud);
    expect(await command()).toEqual({
      code: 0,
      stdout: `exported 2 stack(s) to ${dir}: billing, internal-api (13 files, 13 changed)\n`,
      stderr: "",
    });
    // cdktf's local backend holds this machine's path; the export drops it.
    expect(
      readFileSync(join(outdir, "stacks", "billing", "cdk.tf.json"), "utf8"),
    ).toMatch(/"backend":\s*\{\s*"local"/);
    const settings = readFileSync(join(dir, "billing", "terraform.tf"), "utf8");
    expect(settings).not.toMatch(/backend|tfstate/);
    expect(settings).not.toContain(process.cwd());
    const before = readFileSync(join(dir, "billing", "endpoint.tf"), "utf8");
    expect((await command()).stdout).toContain("(13 files, 0 changed)");
    expect(readFileSync(join(dir, "billing", "endpoint.tf"), "utf8")).toBe(
      before,
    );
    expect(await command("--check")).toEqual({
      code: 0,
      stdout: `${dir} is up to date (billing, internal-api)\n`,
      stderr: "",
    });
    writeFileSync(join(dir, "billing", "endpoint.tf"), before + "# edit\n");
    rmSync(join(dir, "internal-api", "dns.tf"));
    const stale = await command("--check");
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      [
        `The export in ${dir} is stale:`,
        "  - billing/endpoint.tf: out of date",
        "  - internal-api/dns.tf: missing",
        `Run \`EXPORT_DIR=${dir} npm run export\` and commit the result.`,
        "",
      ].join("\n"),
    );
  });

  test("a stack or concern that is gone loses its generated files; other files stay", async () => {
    expect((await command()).stdout).toContain("(13 files, 2 changed)");
    writeFileSync(join(dir, "billing", "override.tf"), "# mine\n");
    writeFileSync(join(dir, "billing", ".terraform.lock.hcl"), "# lock\n");
    synthesizeInto(rawConfig(rawService({ dnsNames: [] })));
    const result = await command();
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(1)).toEqual([
      `removed ${dir}/billing/endpoint.tf (no longer exported)`,
      `removed ${dir}/billing/endpoint_vpc.tf (no longer exported)`,
      `removed ${dir}/billing/outputs.tf (no longer exported)`,
      `removed ${dir}/billing/peering.tf (no longer exported)`,
      `removed ${dir}/billing/providers.tf (no longer exported)`,
      `removed ${dir}/billing/terraform.tf (no longer exported)`,
      `removed ${dir}/internal-api/dns.tf (no longer exported)`,
      "",
    ]);
    expect(readdirSync(join(dir, "billing")).sort()).toEqual([
      ".terraform.lock.hcl",
      "override.tf",
    ]);
    expect(await command("--check")).toMatchObject({ code: 0 });
  });

  test("a file of its name that it did not write is never overwritten", async () => {
    mkdirSync(join(dir, "internal-api"), { recursive: true });
    writeFileSync(join(dir, "internal-api", "outputs.tf"), "# mine\n");
    const result = await command();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `export failed: ${join(dir, "internal-api", "outputs.tf")} exist(s) and were not written by the export; move them away or pick another EXPORT_DIR. Nothing was written.\n`,
    );
    expect(readFileSync(join(dir, "internal-api", "outputs.tf"), "utf8")).toBe(
      "# mine\n",
    );
  });
});
