/**
 * src/output/: the one contract for what synth writes. The stack writes its
 * `topology` output as a value of the contract's input type; every reader
 * parses it with the same schema, and reads the stacks from the manifest.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../src/app";
import {
  SynthOutputError,
  readSynthOutput,
  synthesizedStacks,
} from "../../src/output/manifest";
import { parseTopology } from "../../src/output/topology";
import {
  hubAndSpokeService,
  parsed,
  rawConfig,
  rawConsumer,
  rawService,
  synthAll,
  validConfig,
} from "../../test-support/fixtures";

const NATIVE = {
  name: "tokyo",
  region: "ap-northeast-1",
  connectivity: "native",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  cidrs: ["10.9.0.0/16"],
  subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"],
};

const configs: [string, unknown][] = [
  ["hub and spoke", rawConfig(hubAndSpokeService())],
  [
    "peered and native",
    rawConfig(rawService({ consumers: [rawConsumer("seoul"), NATIVE] })),
  ],
  [
    "native only",
    rawConfig(
      rawService({
        privateDnsEnabled: false,
        endpointVpc: undefined,
        consumers: [NATIVE],
      }),
    ),
  ],
];

describe("the topology output", () => {
  test.each(configs)("of %s is accepted by the contract", (_, raw) => {
    for (const text of Object.values(synthAll(raw))) {
      const value = (parsed(text).output as Record<string, { value: unknown }>)
        .topology.value;
      const result = parseTopology(value);
      expect(result).toEqual({ ok: true, topology: value });
    }
  });

  test("with a consumer lacking its VPC is refused with the path", () => {
    const [text] = Object.values(synthAll(rawConfig()));
    const value = structuredClone(
      (parsed(text).output as Record<string, { value: unknown }>).topology
        .value,
    ) as { consumers: Record<string, Record<string, unknown>> };
    delete value.consumers.seoul.vpc_id;
    expect(parseTopology(value)).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^topology\.consumers\.seoul\.vpc_id: /),
      ],
    });
  });
});

describe("the manifest reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "output-"));

  test("lists exactly the stacks of the last synth, sorted, with their files", () => {
    const outdir = join(dir, "two");
    synthesize(
      validConfig(
        rawConfig(
          rawService({ name: "zeta" }),
          rawService({
            name: "alpha",
            dnsNames: ["alpha.example.com"],
            endpointVpc: {
              cidr: "10.101.0.0/24",
              azIds: ["use1-az1", "use1-az2"],
            },
          }),
        ),
      ),
      outdir,
    );
    // A stale folder beside them is not read.
    mkdirSync(join(outdir, "stacks", "gone"), { recursive: true });
    expect(synthesizedStacks(outdir)).toEqual([
      {
        name: "alpha",
        file: join(outdir, "stacks", "alpha", "cdk.tf.json"),
        directory: join(outdir, "stacks", "alpha"),
      },
      {
        name: "zeta",
        file: join(outdir, "stacks", "zeta", "cdk.tf.json"),
        directory: join(outdir, "stacks", "zeta"),
      },
    ]);
    expect(
      readSynthOutput(outdir).map(
        (s) => s.document.resources("aws_vpc").length,
      ),
    ).toEqual([1, 1]);
  });

  test.each([
    [
      "no manifest",
      undefined,
      /^No synth manifest at .*manifest\.json: run `npm run synth` first/,
    ],
    [
      "a manifest that is not JSON",
      "{",
      /^synth manifest .* is not valid JSON: /,
    ],
    ["a manifest without stacks", "{}", /has no "stacks" object\.$/],
    ["a manifest listing no stacks", '{"stacks":{}}', /lists no stacks/],
  ])(
    "refuses %s with a message that says what to do",
    (name, text, message) => {
      const outdir = join(dir, name.replace(/ /g, "-"));
      mkdirSync(outdir, { recursive: true });
      if (text !== undefined)
        writeFileSync(join(outdir, "manifest.json"), text);
      expect(() => synthesizedStacks(outdir)).toThrow(SynthOutputError);
      expect(() => synthesizedStacks(outdir)).toThrow(message);
    },
  );

  test("refuses a stack file that is not Terraform JSON", () => {
    const outdir = join(dir, "bad-stack");
    mkdirSync(join(outdir, "stacks", "s"), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), '{"stacks":{"s":{}}}');
    writeFileSync(join(outdir, "stacks", "s", "cdk.tf.json"), "[]");
    expect(() => readSynthOutput(outdir)).toThrow(/is not Terraform JSON/);
  });
});
