/**
 * A bare stack for the construct tests: a plain cdktf TerraformStack (not
 * the project's base stack, so a construct is tested on its own), with one
 * aliased provider per side, and readers of what it synthesizes.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
// Types of the Testing matchers that test-support/setup.js registers.
import "cdktf/lib/testing/adapters/jest";
import { testingSynth } from "./fixtures";

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface BareStack {
  readonly stack: TerraformStack;
  /** `aws.service`, in us-east-1. */
  readonly service: AwsProvider;
  /** `aws.consumer`, in ap-northeast-2. */
  readonly consumer: AwsProvider;
}

export function bareStack(): BareStack {
  const stack = new TerraformStack(Testing.app(), "test");
  return {
    stack,
    service: new AwsProvider(stack, "service", {
      alias: "service",
      region: "us-east-1",
    }),
    consumer: new AwsProvider(stack, "consumer", {
      alias: "consumer",
      region: "ap-northeast-2",
    }),
  };
}

/** The stack's Terraform JSON, with construct validations run. */
export const synthOf = (stack: TerraformStack): string => testingSynth(stack);

/** The resources of one type, in the order they were made. */
export function resourcesOf(synthesized: string, type: string): any[] {
  return Object.values(JSON.parse(synthesized).resource?.[type] ?? {});
}

/** The data sources of one type, in the order they were made. */
export function dataOf(synthesized: string, type: string): any[] {
  return Object.values(JSON.parse(synthesized).data?.[type] ?? {});
}

/** Every resource type in the output. */
export function resourceTypes(synthesized: string): string[] {
  return Object.keys(JSON.parse(synthesized).resource ?? {}).sort();
}

/** The value of a root output. */
export function outputOf(synthesized: string, id: string): unknown {
  return JSON.parse(synthesized).output?.[id]?.value;
}
