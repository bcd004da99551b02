/**
 * Reading the raw config file before it is known to be valid: the rules in
 * rules/ look only at values that pass their own field schema, so one typo
 * does not hide every other problem.
 */
import type { ZodType } from "zod";
import type { PathSegment } from "./problems";
import { Connectivity } from "./schema";
import { Json, isObject } from "../lib/json";
export { isObject };
export type { Json };

export const items = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : [];

export const valid = <T>(schema: ZodType<T>, value: unknown): value is T =>
  schema.safeParse(value).success;

/** A value of the file together with where it is. */
export interface Located<T> {
  readonly path: PathSegment[];
  readonly value: T;
}

/** A consumer's mode: its `connectivity`, "peering" when omitted, undefined when invalid. */
export function connectivityOf(
  consumer: Json,
): "peering" | "native" | undefined {
  if (consumer.connectivity === undefined) return "peering";
  return valid(Connectivity, consumer.connectivity)
    ? consumer.connectivity
    : undefined;
}
