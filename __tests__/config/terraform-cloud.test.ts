/**
 * The terraformCloud block and the TFC_* variables.
 */
import {
  problemsOf,
  rawConfig,
  rawService,
  validConfig,
} from "../../test-support/configs";

describe("Terraform Cloud: the config's block and the TFC_* variables", () => {
  const cloud = {
    organization: "acme",
    workspacePrefix: "privatelink-",
    project: "Network 1",
  };
  const withCloud = (terraformCloud: unknown, ...services: object[]) => ({
    ...rawConfig(...services),
    terraformCloud,
  });

  test("no block and no variables: no Terraform Cloud", () => {
    expect(validConfig(rawConfig()).terraformCloud).toBeUndefined();
  });

  test("the block as written", () => {
    expect(validConfig(withCloud(cloud)).terraformCloud).toEqual(cloud);
  });

  test("each variable overrides its field of the block; the project stays", () => {
    expect(
      validConfig(withCloud(cloud), {
        TFC_ORGANIZATION: "acme-ci",
      }).terraformCloud,
    ).toEqual({ ...cloud, organization: "acme-ci" });
    expect(
      validConfig(withCloud(cloud), {
        TFC_ORGANIZATION: "acme-ci",
        TFC_WORKSPACE_PREFIX: "pl_",
      }).terraformCloud,
    ).toEqual({ ...cloud, organization: "acme-ci", workspacePrefix: "pl_" });
  });

  test("both variables without a block are enough", () => {
    expect(
      validConfig(rawConfig(), {
        TFC_ORGANIZATION: "acme",
        TFC_WORKSPACE_PREFIX: "pl-",
      }).terraformCloud,
    ).toEqual({ organization: "acme", workspacePrefix: "pl-" });
  });

  test("an empty variable counts as unset (CI passes unset variables as empty strings)", () => {
    expect(
      validConfig(rawConfig(), {
        TFC_ORGANIZATION: "",
        TFC_WORKSPACE_PREFIX: "",
      }).terraformCloud,
    ).toBeUndefined();
    expect(
      validConfig(withCloud(cloud), { TFC_ORGANIZATION: "" }).terraformCloud,
    ).toEqual(cloud);
  });

  test("an empty prefix in the block names each workspace after its stack alone", () => {
    expect(
      validConfig(withCloud({ organization: "acme", workspacePrefix: "" }))
        .terraformCloud,
    ).toEqual({ organization: "acme", workspacePrefix: "" });
  });
});

describe("fails when (Terraform Cloud)", () => {
  const withCloud = (terraformCloud: unknown, ...services: object[]) => ({
    ...rawConfig(...services),
    terraformCloud,
  });

  test("the organization has a character Terraform Cloud refuses", () => {
    expect(
      problemsOf(withCloud({ organization: "acme corp", workspacePrefix: "" })),
    ).toEqual([
      `terraformCloud.organization: got "acme corp"; expected a Terraform Cloud organization name: letters, digits, '-' and '_'`,
    ]);
  });

  test("the prefix has a character workspace names refuse", () => {
    expect(
      problemsOf(withCloud({ organization: "acme", workspacePrefix: "pl/" })),
    ).toEqual([
      `terraformCloud.workspacePrefix: got "pl/"; expected a workspace name prefix of letters, digits, '-' and '_' (workspace names allow nothing else)`,
    ]);
  });

  test("a workspace name, prefix and stack name, would exceed 90 characters", () => {
    const prefix = "p".repeat(80);
    expect(
      problemsOf(
        withCloud(
          { organization: "acme", workspacePrefix: prefix },
          rawService({ name: "internal-api" }),
        ),
      ),
    ).toEqual([
      `services[0].name: got "internal-api"; expected a name that keeps its Terraform Cloud workspace "${prefix}internal-api" within 90 characters (it has 92; the prefix comes from terraformCloud.workspacePrefix): shorten the name or the prefix`,
    ]);
  });

  test("the project name is too short or has a character Terraform Cloud refuses", () => {
    const withProject = (project: string) =>
      withCloud({ organization: "acme", workspacePrefix: "", project });
    expect(problemsOf(withProject("ab"))).toEqual([
      'terraformCloud.project: got "ab"; expected a project name of 3 to 40 characters',
    ]);
    expect(problemsOf(withProject("net/work"))).toEqual([
      `terraformCloud.project: got "net/work"; expected a Terraform Cloud project name: letters, digits, spaces, '-' and '_', not starting or ending with a space`,
    ]);
  });

  test("the block misses a field or has an unknown key", () => {
    expect(
      problemsOf(withCloud({ organization: "acme", workspace: "x" })),
    ).toEqual([
      'terraformCloud.workspace: got "x"; expected no key "workspace" here: (allowed: organization, workspacePrefix, project)',
      "terraformCloud.workspacePrefix: got nothing (the field is missing); expected a string (a required field)",
    ]);
  });

  test("a variable holds a value Terraform Cloud refuses, named by the variable", () => {
    expect(
      problemsOf(rawConfig(), {
        TFC_ORGANIZATION: "acme corp",
        TFC_WORKSPACE_PREFIX: "pl.",
      }),
    ).toEqual([
      `TFC_ORGANIZATION: got "acme corp"; expected a Terraform Cloud organization name: letters, digits, '-' and '_'`,
      `TFC_WORKSPACE_PREFIX: got "pl."; expected a workspace name prefix of letters, digits, '-' and '_' (workspace names allow nothing else)`,
    ]);
  });

  test("only one variable is set and there is no block to complete it", () => {
    expect(problemsOf(rawConfig(), { TFC_ORGANIZATION: "acme" })).toEqual([
      'TFC_WORKSPACE_PREFIX: got nothing (the variable is unset); expected TFC_WORKSPACE_PREFIX as well: TFC_ORGANIZATION is set and the config has no "terraformCloud" block to complete it',
    ]);
    expect(problemsOf(rawConfig(), { TFC_WORKSPACE_PREFIX: "pl-" })).toEqual([
      'TFC_ORGANIZATION: got nothing (the variable is unset); expected TFC_ORGANIZATION as well: TFC_WORKSPACE_PREFIX is set and the config has no "terraformCloud" block to complete it',
    ]);
  });

  test("a prefix from TFC_WORKSPACE_PREFIX makes a workspace name too long, naming the variable", () => {
    expect(
      problemsOf(rawConfig(), {
        TFC_ORGANIZATION: "acme",
        TFC_WORKSPACE_PREFIX: "p".repeat(85),
      }),
    ).toEqual([
      expect.stringMatching(
        /^services\[0\]\.name: got "internal-api"; .* \(it has 97; the prefix comes from TFC_WORKSPACE_PREFIX\)/,
      ),
    ]);
  });
});
