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
import { rawConfig, rawService } from "../../test-support/configs";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = Record<string, any>;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator(toolchain());
});
afterAll(async () => {
  await emulator?.stop();
});

/** Faults, each injected into the stack of its own name; "clean" gets none. */
const FAULTS: Record<string, (stack: Json) => void> = {
  // An argument the provider does not have: validate stops it.
  "unknown-argument": (stack) => {
    stack.resource.aws_vpc.endpoint_vpc.no_such_argument = true;
  },
  // A route to a route table that does not exist: the apply stops at it.
  "missing-route-table": (stack) => {
    const routes = stack.resource.aws_route;
    const outbound = Object.keys(routes).find((k) => k.includes("outbound"))!;
    routes[outbound].route_table_id = "rtb-0123456789abcdef9";
  },
  // A subnet outside its VPC's CIDR.
  "subnet-outside-vpc": (stack) => {
    const subnets = stack.resource.aws_subnet;
    subnets[Object.keys(subnets)[0]].cidr_block = "10.250.0.0/26";
  },
  // 61 inbound rules on one group; AWS allows 60 by default.
  "too-many-rules": (stack) => {
    const rules = stack.resource.aws_vpc_security_group_ingress_rule;
    const [template] = Object.values(rules) as Json[];
    for (let i = 1; i <= 61; i++)
      rules[`extra_${i}`] = {
        ...template,
        "//": undefined,
        cidr_ipv4: `10.0.${i}.0/24`,
        description: `extra ${i}`,
      };
  },
};

/** One engine run over a stack per fault, plus a clean one. */
let lines: Map<string, string>;
let exitCode: number;
beforeAll(async () => {
  const names = ["clean", ...Object.keys(FAULTS)];
  const outdir = synthTo(
    rawConfig(
      ...names.map((name, i) =>
        rawService({
          name,
          serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-0fa17${String(i).padStart(12, "0")}`,
          dnsNames: [`${name}.example.com`],
          endpointVpc: {
            cidr: `10.${100 + i}.0.0/24`,
            azIds: ["use1-az1", "use1-az2"],
          },
        }),
      ),
    ),
  );
  try {
    for (const [name, inject] of Object.entries(FAULTS)) {
      const file = join(outdir, "stacks", name, "cdk.tf.json");
      const stack = JSON.parse(readFileSync(file, "utf8")) as Json;
      inject(stack);
      writeFileSync(file, JSON.stringify(stack, null, 2));
    }
    const run = await runEngine([
      "--outdir",
      outdir,
      "--emulator",
      emulator.url,
      "--jobs",
      String(names.length),
    ]);
    exitCode = run.code;
    lines = new Map(
      run.stdout
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => [line.split(":")[0], line]),
    );
  } finally {
    removeAll(outdir);
  }
});

test("the stack without a fault passes, beside the faulty ones", () => {
  expect(lines.get("clean")).toMatch(
    /^clean: applied \d+ resources, re-plan: no changes, destroyed$/,
  );
  expect(exitCode).toBe(1);
});

test("an argument the provider does not have fails validate", () => {
  expect(lines.get("unknown-argument")).toMatch(
    // OpenTofu's words for it in JSON; Terraform says "Unsupported argument".
    /^unknown-argument: validate failed: .*(Extraneous JSON object property|Unsupported argument).*no_such_argument/,
  );
});

test("a route to a route table that does not exist fails the apply", () => {
  expect(lines.get("missing-route-table")).toMatch(
    /^missing-route-table: apply failed: .*InvalidRouteTableID\.NotFound.*rtb-0123456789abcdef9|^missing-route-table: apply failed: .*rtb-0123456789abcdef9.*InvalidRouteTableID\.NotFound/,
  );
});

test("a subnet outside its VPC fails the apply", () => {
  expect(lines.get("subnet-outside-vpc")).toMatch(
    /^subnet-outside-vpc: apply failed: .*InvalidSubnet\.Range/,
  );
});

test("more inbound rules on a group than AWS allows (60) fails the apply", () => {
  expect(lines.get("too-many-rules")).toMatch(
    /^too-many-rules: apply failed: .*RulesPerSecurityGroupLimitExceeded/,
  );
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
