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
import type {} from "constructs";
import { synthesize } from "../../src/app";
import { exportCommand } from "../../src/export/command";
import {
  ROOT,
  RawObject,
  addresses,
  defaultRawConfig,
  rawConfig,
  rawService,
  validConfig,
} from "../../test-support/fixtures";
import {
  SynthesizedAndExported,
  addressesIn,
  allText,
  everyFeature,
  multiService,
  readBack,
  roundTrip,
  synthAndExport,
} from "../../test-support/export";

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
