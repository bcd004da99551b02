/**
 * docs/iam/*.json: the policies the README sends users to. Each is valid
 * policy JSON, generated from the one type-to-actions table, and grants
 * every action that the Terraform types of every shipped config, fixture and
 * documented example need, on the side (role) that makes them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  IAM_ACTIONS,
  POLICIES,
  actionsOf,
  type TerraformType,
} from "../../src/lib/iam-actions";
import { renderPolicies } from "../../scripts/docs/iam-policies";
import {
  documentedConfigs,
  fixtureConfigs,
  repoConfigs,
} from "../../test-support/engine";
import { ROOT, RawObject, parsed, synthAll } from "../../test-support/fixtures";

const IAM_DIR = join(ROOT, "docs", "iam");

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

function policy(file: string): { Version: string; Statement: Statement[] } {
  return JSON.parse(readFileSync(join(IAM_DIR, file), "utf8"));
}

function granted(file: string): Set<string> {
  return new Set(
    policy(file).Statement.flatMap((statement) =>
      typeof statement.Action === "string"
        ? [statement.Action]
        : statement.Action,
    ),
  );
}

const fileOf = (side: string) => POLICIES.find((p) => p.side === side)!.file;

describe("docs/iam/*.json", () => {
  const files = readdirSync(IAM_DIR).filter((file) => file.endsWith(".json"));

  test("there is one file per role, as the docs name them", () => {
    expect(files.sort()).toEqual(POLICIES.map((p) => p.file).sort());
  });

  test.each(files)("%s is valid IAM policy JSON", (file) => {
    const document = policy(file);
    expect(document.Version).toBe("2012-10-17");
    expect(Array.isArray(document.Statement)).toBe(true);
    expect(document.Statement.length).toBeGreaterThan(0);
    const sids = document.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const statement of document.Statement) {
      expect(Object.keys(statement).sort()).toEqual(
        ["Action", "Effect", "Resource", "Sid"].sort(),
      );
      expect(statement.Effect).toBe("Allow");
      const actions =
        typeof statement.Action === "string"
          ? [statement.Action]
          : statement.Action;
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions)
        expect(action).toMatch(/^(ec2|route53|sts|vpce):[A-Z][A-Za-z0-9]+$/);
      expect(statement.Resource).toBe("*");
    }
  });

  test.each(files)(
    "%s is fresh against src/lib/iam-actions.ts (npm run docs)",
    (file) => {
      expect(readFileSync(join(IAM_DIR, file), "utf8")).toBe(
        renderPolicies().get(file),
      );
    },
  );
});

/** Every config the project ships or shows. */
const configs = [...repoConfigs(), ...fixtureConfigs(), ...documentedConfigs()];

interface Use {
  readonly config: string;
  readonly type: TerraformType;
  readonly attributes: string[];
  /** The side whose role makes it; undefined: ambient credentials. */
  readonly side?: "endpoint" | "consumer";
}

/** Each resource and data source of every stack, with the side that makes it. */
function usesOf(name: string, raw: RawObject): Use[] {
  const sideOfRole = new Map<string, "endpoint" | "consumer">();
  for (const service of (raw.services as RawObject[]) ?? []) {
    for (const consumer of (service.consumers as RawObject[]) ?? [])
      if (typeof consumer.roleArn === "string")
        sideOfRole.set(consumer.roleArn, "consumer");
    if (typeof service.roleArn === "string")
      sideOfRole.set(service.roleArn, "endpoint");
  }
  const uses: Use[] = [];
  for (const text of Object.values(synthAll(raw))) {
    const json = parsed(text);
    const roleOfProvider = new Map<string, string | undefined>();
    for (const provider of json.provider?.aws ?? []) {
      const assume = provider.assume_role as
        { role_arn?: string }[] | undefined;
      roleOfProvider.set(
        `aws.${String(provider.alias)}`,
        assume?.[0]?.role_arn,
      );
    }
    const visit = (
      prefix: string,
      blocks?: Record<string, Record<string, RawObject>>,
    ) => {
      for (const [type, byName] of Object.entries(blocks ?? {}))
        for (const block of Object.values(byName)) {
          const role = roleOfProvider.get(String(block.provider));
          uses.push({
            config: name,
            type: `${prefix}${type}` as TerraformType,
            attributes: Object.keys(block),
            side: role === undefined ? undefined : sideOfRole.get(role),
          });
        }
    };
    visit("", json.resource);
    visit("data.", json.data);
  }
  return uses;
}

const uses = configs.flatMap(({ name, raw }) => usesOf(name, raw));

describe("the IAM table covers what the stacks synthesize", () => {
  test("the configs include a cross-account one and a documented example", () => {
    expect(uses.some((use) => use.side === "consumer")).toBe(true);
    expect(uses.some((use) => use.side === "endpoint")).toBe(true);
    expect(uses.some((use) => use.config.includes("README.md"))).toBe(true);
  });

  test("every synthesized resource and data source type is in src/lib/iam-actions.ts", () => {
    const missing = [
      ...new Set(
        uses
          .filter((use) => !(use.type in IAM_ACTIONS))
          .map((use) => `${use.type} (${use.config})`),
      ),
    ];
    expect(missing).toEqual([]);
  });

  test("each role's policy grants what its side's resources and data sources need", () => {
    const gaps: string[] = [];
    for (const use of uses) {
      if (!(use.type in IAM_ACTIONS)) continue;
      // Ambient credentials make either side: they need both policies.
      const have = use.side
        ? granted(fileOf(use.side))
        : new Set([
            ...granted(fileOf("endpoint")),
            ...granted(fileOf("consumer")),
          ]);
      for (const action of actionsOf(use.type, use.attributes))
        if (!have.has(action))
          gaps.push(
            `${use.side ?? "ambient"}: ${use.type} needs ${action} (${use.config})`,
          );
    }
    expect([...new Set(gaps)]).toEqual([]);
  });

  test("a native endpoint's role may make it cross-region (vpce:AllowMultiRegion)", () => {
    const native = uses.find(
      (use) =>
        use.type === "aws_vpc_endpoint" &&
        use.attributes.includes("service_region"),
    );
    expect(native).toBeDefined();
    expect(granted(fileOf("consumer")).has("vpce:AllowMultiRegion")).toBe(true);
  });

  test("the plan role can read every type a plan refreshes, and write nothing", () => {
    const have = granted(fileOf("plan"));
    for (const type of Object.keys(IAM_ACTIONS) as TerraformType[])
      for (const action of IAM_ACTIONS[type].read)
        expect(have).toContain(action);
    for (const action of have)
      expect(action).toMatch(/:(Describe|Get|List)[A-Za-z]+$/);
  });

  test("the table names an aws_vpc read as the provider makes it", () => {
    // resourceVPCRead: the DNS attributes, default network ACL, main route
    // table and default security group, besides DescribeVpcs.
    expect(IAM_ACTIONS.aws_vpc.read).toEqual(
      expect.arrayContaining([
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcAttribute",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
      ]),
    );
  });
});
