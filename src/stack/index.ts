/** One TerraformStack per service: the topology, on a base that holds cdktf's internals. */
export { BaseStack, REQUIRED_TERRAFORM_VERSION } from "./base-stack";
export type { BaseStackProps, CloudWorkspace } from "./base-stack";
export { PrivateLinkStack } from "./privatelink-stack";
export type { PrivateLinkStackProps } from "./privatelink-stack";
