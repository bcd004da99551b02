/**
 * The engine judges: a fault injected into a stack's cdk.tf.json fails that
 * stack, at the step where Terraform or AWS would stop it, and no other.
 * Also the engine command's contract: its exit codes and its --help.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  Emulator,
  removeAll,
  runEngine,
  startEmulator,
  synthTo,
  toolchain,
} from "../../test-support/engine";
import { rawConfig, rawService } from "../../test-support/fixtures";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = Record<string, any>;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(toolchain());
});
afterAll(async () => {
  await emulator?.stop();
});

/** Two stacks of the default shape; the fault goes into `internal-api` only. */
const twoStacks = () =>
  rawConfig(
    rawService(),
    rawService({
      name: "billing",
      serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210",
      dnsNames: ["billing.example.com"],
      endpointVpc: { cidr: "10.101.0.0/24", azIds: ["use1-az1", "use1-az2"] },
    }),
  );

async function withFault(inject: (stack: Json) => void) {
  const outdir = synthTo(twoStacks());
  try {
    const file = join(outdir, "stacks", "internal-api", "cdk.tf.json");
    const stack = JSON.parse(readFileSync(file, "utf8")) as Json;
    inject(stack);
    writeFileSync(file, JSON.stringify(stack, null, 2));
    const run = await runEngine([
      "--outdir",
      outdir,
      "--emulator",
      emulator.url,
    ]);
    const lines = run.stdout.trim().split("\n");
    return {
      code: run.code,
      billing: lines.find((l) => l.startsWith("billing: ")),
      faulty: lines.find((l) => l.startsWith("internal-api: ")) ?? "",
    };
  } finally {
    removeAll(outdir);
  }
}

const CLEAN =
  /^billing: applied \d+ resources, re-plan: no changes, destroyed$/;

test("an argument the provider does not have fails validate", async () => {
  const result = await withFault((stack) => {
    stack.resource.aws_vpc.endpoint_vpc.no_such_argument = true;
  });
  expect(result.faulty).toMatch(
    /^internal-api: validate failed: .*Unsupported argument/,
  );
  expect(result.billing).toMatch(CLEAN);
  expect(result.code).toBe(1);
});

test("a route to a route table that does not exist fails the apply", async () => {
  const result = await withFault((stack) => {
    const routes = stack.resource.aws_route;
    const outbound = Object.keys(routes).find((k) => k.includes("outbound"))!;
    routes[outbound].route_table_id = "rtb-0123456789abcdef9";
  });
  expect(result.faulty).toMatch(
    /^internal-api: apply failed: .*rtb-0123456789abcdef9/,
  );
  expect(result.faulty).toMatch(/InvalidRouteTableID\.NotFound/);
  expect(result.billing).toMatch(CLEAN);
  expect(result.code).toBe(1);
});

test("a subnet outside its VPC fails the apply", async () => {
  const result = await withFault((stack) => {
    stack.resource.aws_subnet["endpoint_vpc_use1-az1"].cidr_block =
      "10.250.0.0/26";
  });
  expect(result.faulty).toMatch(
    /^internal-api: apply failed: .*InvalidSubnet\.Range/,
  );
  expect(result.billing).toMatch(CLEAN);
  expect(result.code).toBe(1);
});

test("more inbound rules on a group than AWS allows (60) fails the apply", async () => {
  const result = await withFault((stack) => {
    const rules = stack.resource.aws_vpc_security_group_ingress_rule;
    const [template] = Object.values(rules) as Json[];
    for (let i = 1; i <= 61; i++)
      rules[`extra_${i}`] = {
        ...template,
        "//": undefined,
        cidr_ipv4: `10.0.${i}.0/24`,
        description: `extra ${i}`,
      };
  });
  expect(result.faulty).toMatch(
    /^internal-api: apply failed: .*RulesPerSecurityGroupLimitExceeded/,
  );
  expect(result.billing).toMatch(CLEAN);
  expect(result.code).toBe(1);
});

describe("the command", () => {
  test("--help prints the usage and exits 0", async () => {
    const run = await runEngine(["--help"]);
    expect(run.stdout).toMatch(/^usage: npm run engine -- \[--outdir DIR\]/);
    expect(run.code).toBe(0);
  });

  test("an unknown flag exits 2 with the usage", async () => {
    const run = await runEngine(["--frobnicate"]);
    expect(run.stderr).toMatch(/unknown argument --frobnicate/);
    expect(run.code).toBe(2);
  });

  test("no synth output exits 2 and says how to make it", async () => {
    const run = await runEngine(["--outdir", "/nonexistent/engine-out"]);
    expect(run.stderr).toMatch(/npm run synth/);
    expect(run.code).toBe(2);
  });

  test("a missing toolchain exits 2 and names the command that installs it", async () => {
    const outdir = synthTo(rawConfig());
    try {
      const run = await runEngine(["--outdir", outdir], {
        ...process.env,
        PRIVATELINK_ENGINE_HOME: "/nonexistent/engine-home",
      });
      expect(run.stderr).toMatch(/npm run engine:install/);
      expect(run.code).toBe(2);
    } finally {
      removeAll(outdir);
    }
  });

  test("an emulator URL off loopback is refused", async () => {
    const outdir = synthTo(rawConfig());
    try {
      const run = await runEngine([
        "--outdir",
        outdir,
        "--emulator",
        "http://10.0.0.1:5000",
      ]);
      expect(run.stderr).toMatch(/only a loopback address/);
      expect(run.code).not.toBe(0);
    } finally {
      removeAll(outdir);
    }
  });
});
