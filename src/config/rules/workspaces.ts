/**
 * The rule of Terraform Cloud workspaces, which exist only when the config
 * or the environment names a workspace prefix.
 */
import { Json, Located, valid } from "../raw";
import { Problem, problem } from "../problems";
import { Name, WORKSPACE_NAME_MAX_LENGTH } from "../schema";
import { workspaceNameOf } from "../model";
import type { Sourced } from "../terraform-cloud";

/**
 * A stack's workspace is `<prefix><stack name>`, and Terraform Cloud caps
 * workspace names at 90 characters.
 */
export function workspaceNamesFit(
  services: readonly Located<Json>[],
  prefix: Sourced<string>,
): Problem[] {
  return services.flatMap((service) => {
    const name = service.value.name;
    if (!valid(Name, name)) return [];
    const workspace = workspaceNameOf({ workspacePrefix: prefix.value }, name);
    return workspace.length > WORKSPACE_NAME_MAX_LENGTH
      ? [
          problem(
            [...service.path, "name"],
            name,
            `expected a name that keeps its Terraform Cloud workspace "${workspace}" within ${WORKSPACE_NAME_MAX_LENGTH} characters (it has ${workspace.length}; the prefix comes from ${prefix.path}): shorten the name or the prefix`,
          ),
        ]
      : [];
  });
}
