/**
 * The one place that knows cdktf's internals. The topology (privatelink-stack.ts)
 * extends this class and imports nothing from "cdktf" itself, so moving to
 * a fork of cdktf (cdktn) is a change to this file and the constructs' few
 * `Fn`/`Op`/`Token` calls.
 */
import {
  CloudBackend,
  NamedCloudWorkspace,
  TerraformDataSource,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
} from "cdktf";
import type { Construct, Node } from "constructs";
import { addressName } from "../lib/naming";

/**
 * The lowest Terraform the synthesized stacks work with, from the newest
 * language feature they use (see TERRAFORM_FEATURES in the tests).
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.2.0";

/** A Terraform Cloud workspace that keeps one stack's state. */
export interface CloudWorkspace {
  readonly organization: string;
  /** The workspace's name; made on the first `terraform init` if missing. */
  readonly name: string;
  /** @default - the organization's default project */
  readonly project?: string;
}

export interface BaseStackProps {
  /**
   * Keep the state in this Terraform Cloud workspace (a `cloud` block).
   * @default - cdktf's default backend: local state
   */
  readonly workspace?: CloudWorkspace;
}

/**
 * A TerraformStack whose addresses come from construct ids
 * (src/lib/naming.ts), with a guard against two elements sharing one; its
 * terraform block pins the engine and the provider's source; and it skips
 * the part of cdktf's prepare pass that finds nothing in a stack that refers
 * to no other stack.
 */
export class BaseStack extends TerraformStack {
  /** Terraform address -> the construct path that has it. */
  private readonly addresses = new Map<string, string>();

  constructor(scope: Construct, id: string, props: BaseStackProps = {}) {
    super(scope, id);
    const { workspace } = props;
    if (workspace) {
      new CloudBackend(this, {
        organization: workspace.organization,
        workspaces: new NamedCloudWorkspace(workspace.name, workspace.project),
      });
    }

    // The engine the output needs: lifecycle preconditions came in
    // Terraform 1.2.0 (the newest feature the stacks use; a test keeps the
    // two in step). And the provider by its full registry address.
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    this.addOverride(
      "terraform.required_providers.aws.source",
      "hashicorp/aws",
    );
  }

  /** The resources Terraform will manage in this stack (data sources not counted). */
  public get resourceCount(): number {
    return this.node.findAll().filter((c) => c instanceof TerraformResource)
      .length;
  }

  /** A root output of the stack, addressed by `id`. */
  protected output(id: string, value: unknown, description: string): void {
    new TerraformOutput(this, id, { value, description });
  }

  /**
   * cdktf's prepare pass resolves every element of the stack once, and
   * throws the result away, only to find references to other stacks (which
   * it turns into remote state). A stack of this kind refers to nothing
   * outside itself: its constructs get plain values from one service's
   * config. So the pass finds nothing here, yet it was half of the synth
   * time at 1,000 consumers; keep only its other effect, the default
   * backend. A test compares the output with and without the full pass.
   */
  public prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * Addresses from construct ids (src/lib/naming.ts). Two elements that map to
   * one address would be merged silently by cdktf (the last one wins), so a
   * second one is an error naming both.
   */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    if (!TerraformElement.isTerraformElement(element))
      return super.allocateLogicalId(element);
    const type = (element as { terraformResourceType?: string })
      .terraformResourceType;
    const name = addressName(element, this, type);
    if (type) {
      const mode = element instanceof TerraformDataSource ? "data." : "";
      const address = `${mode}${type}.${name}`;
      const path = element.node.path;
      const first = this.addresses.get(address);
      if (first !== undefined && first !== path)
        throw new Error(
          `Two constructs map to the Terraform address ${address}: ${first} and ${path}. Rename one (addresses come from construct ids, src/lib/naming.ts).`,
        );
      this.addresses.set(address, path);
    }
    return name;
  }
}
