/**
 * The rules that relate fields to each other, by family. They read the raw
 * file, and each rule looks only at values that pass their own field
 * schema, so a config with a typo elsewhere still gets every other problem
 * reported in one run. Each rule is one function stating one AWS fact.
 */
import { Json, Located, isObject, items } from "../raw";
import { PathSegment, Problem } from "../problems";
import { judge } from "../quotas";
import type { Sourced } from "../terraform-cloud";
import { ServiceView, serviceView } from "./common";
import * as service from "./service";
import * as consumers from "./consumers";
import * as across from "./across-services";
import * as workspaces from "./workspaces";
import * as quotas from "./quotas";
import * as apex from "./apex-zones";

export { regionOfServiceName } from "./service";

/** The rules of one service, in the order their problems are reported. */
const SERVICE_RULES: readonly ((s: ServiceView) => Problem[])[] = [
  service.serviceNameOfItsRegion,
  service.azIdsOfServiceRegion,
  service.azIdsOnce,
  service.slottedAzIdsNumbered,
  service.slottedBlockLargeEnough,
  service.explicitSubnetPerAzId,
  service.explicitSubnetsOfListedAzIds,
  service.explicitSubnetsAtNetworkAddress,
  service.explicitSubnetsInsideBlock,
  service.explicitSubnetsDisjoint,
  service.portsOnce,
  service.hostnamesOnce,
  consumers.consumerHasItsModesList,
  consumers.consumerHasNoOtherModesList,
  consumers.subnetsOnce,
  service.endpointVpcWhenPeered,
  consumers.oneRolePerAccount,
  consumers.consumerNamesUnique,
  consumers.consumerVpcsOnce,
  consumers.routeTablesOnce,
  consumers.peeredCidrsDisjoint,
  apex.intendedApexZonesMade,
];

const ACROSS_RULES = [
  across.sameVpcSameConsumer,
  across.routeTablesRouteEachBlockOnce,
  across.zoneFromOneService,
];

const SERVICE_WARNINGS = [service.unusedEndpointVpc, apex.apexZoneWarnings];

const SERVICE_QUOTAS = [
  quotas.endpointGroupRules,
  quotas.endpointVpcPeerings,
  quotas.endpointRouteTableRoutes,
  quotas.zoneVpcs,
  quotas.nativeGroupRules,
];

const ACROSS_QUOTAS = [
  quotas.consumerVpcPeerings,
  quotas.consumerRouteTableRoutes,
  quotas.consumerVpcEndpoints,
  quotas.hostedZonesPerAccount,
];

export interface SemanticResult {
  readonly problems: Problem[];
  readonly warnings: string[];
}

/**
 * Runs every rule and reports every problem and warning at once.
 *
 * @param workspacePrefix the Terraform Cloud workspace prefix in effect, if
 * any (from the config or the environment)
 */
export function checkSemantics(
  raw: unknown,
  workspacePrefix?: Sourced<string>,
): SemanticResult {
  const root = isObject(raw) ? raw : {};
  const services: Located<Json>[] = items(root.services).map((s, i) => ({
    path: ["services", i] as PathSegment[],
    value: isObject(s) ? s : {},
  }));
  const problems: Problem[] = [...across.serviceNamesUnique(services)];
  for (const view of services.map(serviceView))
    for (const rule of SERVICE_RULES) problems.push(...rule(view));
  for (const rule of ACROSS_RULES) problems.push(...rule(services));
  if (workspacePrefix)
    problems.push(...workspaces.workspaceNamesFit(services, workspacePrefix));

  const warnings: string[] = [];
  for (const s of services)
    for (const rule of SERVICE_WARNINGS) warnings.push(...rule(s));
  const uses = [
    ...services
      .map(quotas.quotaView)
      .flatMap((view) => SERVICE_QUOTAS.flatMap((rule) => rule(view))),
    ...ACROSS_QUOTAS.flatMap((rule) => rule(services)),
  ];
  for (const use of uses) judge(use, problems, warnings);
  return { problems, warnings };
}
