/**
 * The engine tier's own logic, without its toolchain (that is
 * `npm run test:engine`): id mapping, the override file, the world read
 * from a topology, the engine's error lines, argument parsing, ordering.
 */
import { inOrder, parseArgs } from "../../src/engine/command";
import { checkLoopback } from "../../src/engine/emulator";
import { engineError } from "../../src/engine/rehearsal";
import { engineHome, readPins } from "../../src/engine/toolchain";
import { mapIds, overrideOf } from "../../src/engine/workspace";
import { rolesOfStack, topologyOfStack, worldOf } from "../../src/engine/world";
import { join } from "node:path";
import {
  ROOT,
  parsed,
  rawConfig,
  rawConsumer,
  rawService,
  synth,
} from "../../test-support/fixtures";

describe("id mapping", () => {
  test("replaces whole ids only, longest first", () => {
    const text = JSON.stringify({
      a: "vpc-0abc",
      b: "vpc-0abcd",
      c: "${aws_route.x.id} rtb-1",
      d: "subnet-1x",
    });
    expect(
      JSON.parse(
        mapIds(text, {
          "vpc-0abc": "vpc-E1",
          "vpc-0abcd": "vpc-E2",
          "rtb-1": "rtb-E3",
          "subnet-1": "subnet-E4",
        }),
      ),
    ).toEqual({
      a: "vpc-E1",
      b: "vpc-E2",
      c: "${aws_route.x.id} rtb-E3",
      d: "subnet-1x",
    });
  });
});

describe("the override file", () => {
  test("points every aliased provider at the emulator and keeps state local", () => {
    const stack = parsed(synth(rawConfig()));
    const override = overrideOf(
      stack as unknown as Record<string, unknown>,
      "http://127.0.0.1:5000",
      "6.47.1",
    ) as {
      terraform: { backend: unknown; required_providers: unknown };
      provider: {
        aws: { alias: string; endpoints: Record<string, string>[] }[];
      };
    };
    expect(override.terraform.backend).toEqual({
      local: { path: "terraform.tfstate" },
    });
    expect(override.terraform.required_providers).toEqual({
      aws: { source: "hashicorp/aws", version: "6.47.1" },
    });
    expect(override.provider.aws.map((p) => p.alias)).toEqual([
      "ap_northeast_2",
      "us_east_1",
    ]);
    for (const provider of override.provider.aws)
      for (const url of Object.values(provider.endpoints[0]))
        expect(url).toBe("http://127.0.0.1:5000");
  });
});

describe("the world", () => {
  const APP = "arn:aws:iam::222222222222:role/app";
  const stack = (raw: unknown) => {
    const json = parsed(synth(raw));
    return {
      topology: topologyOfStack(json, "internal-api"),
      roles: rolesOfStack(json),
    };
  };

  test("is read from the topology output and the providers' roles", () => {
    const world = worldOf([
      stack(
        rawConfig(
          rawService({ consumers: [rawConsumer("seoul", { roleArn: APP })] }),
        ),
      ),
    ]);
    expect(world.services).toEqual([
      {
        name: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        region: "us-east-1",
        azIds: ["use1-az1", "use1-az2"],
        privateDnsName: "internal-api.service.engine.invalid",
      },
    ]);
    expect(world.vpcs).toEqual([
      {
        id: "vpc-0b1c2d3e4f5a6b7c8",
        region: "ap-northeast-2",
        role: APP,
        cidrs: ["10.0.0.0/16"],
        routeTableIds: ["rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"],
        subnetIds: [],
      },
    ]);
    expect(world.roles).toEqual([APP]);
  });

  test("of two configs is their union: every CIDR, route table and subnet either names", () => {
    const a = stack(rawConfig());
    const b = stack(
      rawConfig(
        rawService({
          consumers: [
            rawConsumer("seoul", { cidrs: ["10.0.0.0/16", "10.9.0.0/16"] }),
          ],
        }),
      ),
    );
    expect(worldOf([a, b]).vpcs[0].cidrs).toEqual([
      "10.0.0.0/16",
      "10.9.0.0/16",
    ]);
  });

  test("a stack without a usable topology output is refused by name", () => {
    expect(() => topologyOfStack({ output: {} }, "broken")).toThrow(
      /^broken: no usable topology output/,
    );
  });
});

describe("the engine's error lines", () => {
  test("are its Error: blocks, one line each, without source excerpts", () => {
    const stderr = [
      "╷",
      "│ Error: creating EC2 Route: InvalidRouteTableID.NotFound",
      "│ ",
      "│   with aws_route.x,",
      '│   on cdk.tf.json line 52, in resource "aws_route" "x":',
      "│   52:       }",
      "│ ",
      "│ The routeTable ID 'rtb-1' does not exist",
      "╵",
    ].join("\n");
    expect(
      engineError({
        code: 1,
        stdout: "+ resource ... Error: not this",
        stderr,
      }),
    ).toBe(
      "Error: creating EC2 Route: InvalidRouteTableID.NotFound The routeTable ID 'rtb-1' does not exist",
    );
  });

  test("fall back to the last lines when there is no Error: block", () => {
    expect(engineError({ code: 1, stdout: "", stderr: "a\nb\nsegfault" })).toBe(
      "a b segfault",
    );
  });
});

describe("arguments", () => {
  test("default outdir from CDKTF_OUTDIR, four jobs", () => {
    expect(parseArgs([], { CDKTF_OUTDIR: "out" })).toEqual({
      kind: "run",
      options: { outdir: "out", emulator: undefined, keep: false, jobs: 4 },
    });
  });

  test("flags with values, inline or not", () => {
    expect(
      parseArgs(
        [
          "--outdir=x",
          "--emulator",
          "http://127.0.0.1:1",
          "--jobs",
          "2",
          "--keep",
        ],
        {},
      ),
    ).toEqual({
      kind: "run",
      options: {
        outdir: "x",
        emulator: "http://127.0.0.1:1",
        keep: true,
        jobs: 2,
      },
    });
  });

  test("--help, an unknown flag, a missing value, a bad job count", () => {
    expect(parseArgs(["--help"], {}).kind).toBe("help");
    expect(parseArgs(["--nope"], {})).toEqual({
      kind: "error",
      message: "unknown argument --nope",
    });
    expect(parseArgs(["--outdir"], {})).toEqual({
      kind: "error",
      message: "--outdir needs a value",
    });
    expect(parseArgs(["--jobs", "0"], {}).kind).toBe("error");
  });

  test("an emulator off loopback is refused", () => {
    expect(checkLoopback("http://127.0.0.1:5000/x")).toBe(
      "http://127.0.0.1:5000",
    );
    expect(() => checkLoopback("http://10.0.0.1:5000")).toThrow(
      /only a loopback address/,
    );
  });
});

describe("the toolchain's place and pins", () => {
  test("PRIVATELINK_ENGINE_HOME, else XDG_CACHE_HOME, else ~/.cache", () => {
    expect(engineHome({ PRIVATELINK_ENGINE_HOME: "/e" })).toBe("/e");
    expect(engineHome({ XDG_CACHE_HOME: "/c" })).toBe(
      "/c/cross-region-privatelink/engine",
    );
    expect(engineHome({ HOME: "/h" })).toBe(
      "/h/.cache/cross-region-privatelink/engine",
    );
  });

  test("versions.env pins every part", () => {
    const pins = readPins(join(ROOT, "scripts", "engine", "versions.env"));
    expect(pins.providerPseudoVersion).toMatch(
      /^v1\.60\.1-0\.\d{14}-[0-9a-f]{12}$/,
    );
    expect(pins.providerVersion).toMatch(/^6\.\d+\.\d+$/);
    expect(pins.tofuVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pins.motoVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("results in order", () => {
  test("emits in the items' order whatever order they finish in", async () => {
    const emitted: number[] = [];
    await inOrder(
      [30, 10, 20, 0],
      3,
      (ms) =>
        new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)),
      (ms) => emitted.push(ms),
    );
    expect(emitted).toEqual([30, 10, 20, 0]);
  });
});
