/**
 * The reachability checks: for every consumer the topology declares,
 * whether the resources give it a working path to the service, one column
 * per concern (name.ts, routes.ts, admission.ts, placement.ts). Each ✗
 * carries reasons that name the resource addresses (or ids) that are
 * missing or wrong.
 */
import { TerraformDocument } from "../../output/terraform-json";
import {
  DeclaredConsumer,
  NativeDeclaredConsumer,
  PeeringDeclaredConsumer,
  declaredConsumers,
  parseTopology,
} from "../../output/topology";
import { readNetwork } from "../model/read-network";
import { checkAdmission } from "./admission";
import {
  StackContext,
  nativeEndpointsOf,
  peeringPathOf,
  stackContext,
} from "./context";
import { ConsumerReport, StackReport, Verdict, verdict } from "./findings";
import { checkName } from "./name";
import { checkNativePlacement, checkPeeringPlacement } from "./placement";
import { checkRouteBack, checkRouteThere } from "./routes";

export * from "./findings";

/** Verifies one stack's parsed Terraform JSON against its `topology` output. */
export function verifyStack(
  stack: string,
  document: TerraformDocument,
): StackReport {
  const unjudged = { stack, serviceEndpoints: [], consumers: [] };
  const output = document.output("topology");
  if (!output)
    return {
      ...unjudged,
      problems: [
        'no "topology" output: the stack does not declare what it should connect, so nothing can be verified (synthesize it with this project\'s generator)',
      ],
    };
  const parsed = parseTopology(output.value);
  if (!parsed.ok)
    return {
      ...unjudged,
      problems: parsed.problems.map((p) => `invalid topology output: ${p}`),
    };
  const { topology } = parsed;
  if (Object.keys(topology.consumers).length === 0)
    return {
      ...unjudged,
      problems: [
        "the topology output declares no consumers: there is no path to verify",
      ],
      topology,
    };
  const network = readNetwork(document);
  const context = stackContext(network, topology);
  return {
    stack,
    problems: [],
    topology,
    network,
    serviceEndpoints: context.serviceEndpoints,
    consumers: declaredConsumers(topology).map((consumer) =>
      verifyConsumer(context, consumer),
    ),
  };
}

function verifyConsumer(
  context: StackContext,
  consumer: DeclaredConsumer,
): ConsumerReport {
  return consumer.connectivity === "native"
    ? verifyNative(context, consumer)
    : verifyPeering(context, consumer);
}

/** A consumer that reaches the endpoint VPC through a peering. */
function verifyPeering(
  context: StackContext,
  consumer: PeeringDeclaredConsumer,
): ConsumerReport {
  const path = peeringPathOf(context, consumer);
  const name = checkName(context, consumer);
  const there = checkRouteThere(context, consumer, path);
  return {
    consumer,
    endpoints: path.endpoints,
    peerings: path.peerings,
    visibleZones: name.visibleZones,
    // Read through: it is worked out only if the picture asks.
    get unseenZones() {
      return name.unseenZones;
    },
    checks: {
      name: name.verdict,
      "route there": verdict(there.reasons),
      "route back": verdict(
        checkRouteBack(context, consumer, path, there.used),
      ),
      admission: verdict(checkAdmission(context, consumer, path.endpoints)),
      placement: verdict(
        checkPeeringPlacement(context, consumer, path, there.used),
      ),
    },
  };
}

/** A consumer with the endpoint in its own VPC: no routes to judge. */
function verifyNative(
  context: StackContext,
  consumer: NativeDeclaredConsumer,
): ConsumerReport {
  const endpoints = nativeEndpointsOf(context, consumer);
  const name = checkName(context, consumer);
  const notApplicable: Verdict = {
    status: "n/a",
    note: "native: the endpoint is in the consumer's own VPC",
  };
  return {
    consumer,
    endpoints,
    peerings: [],
    visibleZones: name.visibleZones,
    // Read through: it is worked out only if the picture asks.
    get unseenZones() {
      return name.unseenZones;
    },
    checks: {
      name: name.verdict,
      "route there": notApplicable,
      "route back": notApplicable,
      admission: verdict(checkAdmission(context, consumer, endpoints)),
      placement: verdict(checkNativePlacement(context, consumer, endpoints)),
    },
  };
}
