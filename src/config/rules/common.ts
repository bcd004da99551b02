/**
 * What the rules share: the raw file's services and consumers as located
 * values, read once per service, and the two shapes of most rules (a value
 * seen twice, blocks that overlap).
 */
import type { ZodType } from "zod";
import { Json, Located, connectivityOf, isObject, items, valid } from "../raw";
import { CidrFacts, cidrFacts } from "../../lib/cidr";
import { PathSegment, Problem, formatPath, problem } from "../problems";
import { AzId, EndpointCidr, Region } from "../schema";

/** One service of the raw file, with what most of its rules read. */
export interface ServiceView {
  readonly path: PathSegment[];
  readonly value: Json;
  /** Its `region`, when valid. */
  readonly region?: string;
  /** Its `endpointVpc`, `{}` when missing or not an object. */
  readonly endpointVpc: Json;
  readonly vpcPath: PathSegment[];
  /** The valid entries of `endpointVpc.azIds`. */
  readonly azIds: Located<string>[];
  /** `endpointVpc.cidr`, when valid. */
  readonly cidr?: string;
  /** Every consumer, `{}` where one is not an object. */
  readonly consumers: Located<Json>[];
  /** The consumers that peer (or whose mode is invalid: they may yet peer). */
  readonly peered: Located<Json>[];
}

export function serviceView(service: Located<Json>): ServiceView {
  const { path, value } = service;
  const endpointVpc = isObject(value.endpointVpc) ? value.endpointVpc : {};
  const vpcPath = [...path, "endpointVpc"];
  const consumers = items(value.consumers).map((consumer, i) => ({
    path: [...path, "consumers", i],
    value: isObject(consumer) ? consumer : {},
  }));
  return {
    path,
    value,
    region: valid(Region, value.region) ? value.region : undefined,
    endpointVpc,
    vpcPath,
    azIds: validEntries(endpointVpc.azIds, [...vpcPath, "azIds"], AzId),
    cidr: valid(EndpointCidr, endpointVpc.cidr) ? endpointVpc.cidr : undefined,
    consumers,
    peered: consumers.filter((c) => connectivityOf(c.value) !== "native"),
  };
}

/** The entries of `list` that pass `schema`, with their paths. */
export function validEntries<T>(
  list: unknown,
  path: PathSegment[],
  schema: ZodType<T>,
): Located<T>[] {
  return items(list).flatMap((value, i) =>
    valid(schema, value) ? [{ path: [...path, i], value }] : [],
  );
}

/** Reports every entry whose key was already seen. */
export function duplicates<T>(
  entries: readonly Located<T>[],
  key: (value: T) => string,
  expected: (first: Located<T>) => string,
): Problem[] {
  const seen = new Map<string, Located<T>>();
  const found: Problem[] = [];
  for (const entry of entries) {
    const first = seen.get(key(entry.value));
    if (first) found.push(problem(entry.path, entry.value, expected(first)));
    else seen.set(key(entry.value), entry);
  }
  return found;
}

/** A CIDR of the file with who it belongs to, parsed once. */
export interface OwnedCidr {
  readonly path: PathSegment[];
  readonly cidr: string;
  readonly owner: string;
  readonly start: bigint;
  readonly end: bigint;
}

export function ownedCidr(
  path: PathSegment[],
  cidr: string,
  owner: string,
): OwnedCidr {
  const { start, end } = cidrFacts(cidr) as CidrFacts;
  return { path, cidr, owner, start, end };
}

export function overlapping(a: string, b: string): boolean {
  const x = cidrFacts(a) as CidrFacts;
  const y = cidrFacts(b) as CidrFacts;
  return x.start <= y.end && y.start <= x.end;
}

/**
 * Overlapping blocks, found by a sweep in address order (n log n, so a
 * thousand consumers stay fast). Each overlapping block is reported once,
 * against the block before it that reaches furthest.
 */
export function overlaps(
  blocks: readonly OwnedCidr[],
  why: (a: OwnedCidr, b: OwnedCidr) => string,
): Problem[] {
  const sorted = [...blocks].sort((a, b) =>
    a.start !== b.start
      ? a.start < b.start
        ? -1
        : 1
      : formatPath(a.path) < formatPath(b.path)
        ? -1
        : 1,
  );
  const found: Problem[] = [];
  let reach: OwnedCidr | undefined;
  for (const block of sorted) {
    if (reach && block.start <= reach.end)
      found.push(problem(block.path, block.cidr, why(block, reach)));
    if (!reach || block.end > reach.end) reach = block;
  }
  return found;
}
