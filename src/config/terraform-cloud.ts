/**
 * The Terraform Cloud settings in effect: the config's `terraformCloud`
 * block, with the environment variables `TFC_ORGANIZATION` and
 * `TFC_WORKSPACE_PREFIX` taking precedence field by field. Only the config
 * layer reads them; the stacks get plain props.
 *
 * An empty variable counts as unset: CI systems pass an undefined
 * repository variable as an empty string. With no `terraformCloud` block,
 * both variables must be set; one alone is an error naming the other.
 */
import type { ZodType } from "zod";
import type { TerraformCloud } from "./model";
import { Problem, formatPath, problem } from "./problems";
import { TfcOrganization, WorkspacePrefix } from "./schema";
import { isObject } from "../lib/json";

export const TFC_ORGANIZATION = "TFC_ORGANIZATION";
export const TFC_WORKSPACE_PREFIX = "TFC_WORKSPACE_PREFIX";

/** The process environment, or a test's stand-in for it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A setting's value and where it came from: a config path or a variable. */
export interface Sourced<T> {
  readonly value: T;
  readonly path: string;
}

export interface ResolvedTerraformCloud {
  /** The settings in effect; undefined when nothing sets them or they have problems. */
  readonly settings?: TerraformCloud;
  /** The prefix in effect, for the workspace name rule across services. */
  readonly workspacePrefix?: Sourced<string>;
  /** Problems of the variables; the block's own are the schema's. */
  readonly problems: readonly Problem[];
}

const fromEnv = (env: Environment, variable: string): string | undefined =>
  env[variable] === "" ? undefined : env[variable];

export function resolveTerraformCloud(
  raw: unknown,
  env: Environment,
): ResolvedTerraformCloud {
  const block =
    isObject(raw) && isObject(raw.terraformCloud)
      ? raw.terraformCloud
      : undefined;
  const problems: Problem[] = [];

  const setting = (
    field: "organization" | "workspacePrefix",
    variable: string,
    schema: ZodType<string>,
  ): Sourced<string> | undefined => {
    const value = fromEnv(env, variable);
    if (value !== undefined) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return { value, path: variable };
      problems.push(problem(variable, value, parsed.error.issues[0].message));
      return undefined;
    }
    const inBlock = block?.[field];
    return schema.safeParse(inBlock).success
      ? {
          value: inBlock as string,
          path: formatPath(["terraformCloud", field]),
        }
      : undefined;
  };

  const organization = setting(
    "organization",
    TFC_ORGANIZATION,
    TfcOrganization,
  );
  const workspacePrefix = setting(
    "workspacePrefix",
    TFC_WORKSPACE_PREFIX,
    WorkspacePrefix,
  );

  const orgSet = fromEnv(env, TFC_ORGANIZATION) !== undefined;
  const prefixSet = fromEnv(env, TFC_WORKSPACE_PREFIX) !== undefined;
  if (!block && orgSet !== prefixSet) {
    const [missing, present] = orgSet
      ? [TFC_WORKSPACE_PREFIX, TFC_ORGANIZATION]
      : [TFC_ORGANIZATION, TFC_WORKSPACE_PREFIX];
    problems.push(
      problem(
        missing,
        undefined,
        `expected ${missing} as well: ${present} is set and the config has no "terraformCloud" block to complete it`,
      ),
    );
  }

  if (!block && !orgSet && !prefixSet) return { problems };
  const project =
    typeof block?.project === "string" ? block.project : undefined;
  return {
    settings:
      organization && workspacePrefix && problems.length === 0
        ? {
            organization: organization.value,
            workspacePrefix: workspacePrefix.value,
            ...(project !== undefined ? { project } : {}),
          }
        : undefined,
    workspacePrefix,
    problems,
  };
}
