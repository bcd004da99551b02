import { App } from "cdktf";
import { Config, workspaceNameOf } from "./config";
import { PrivateLinkStack } from "./stack";

/** Builds one stack per service in `app`, each in its own workspace if configured. */
export function buildStacks(app: App, config: Config): PrivateLinkStack[] {
  const cloud = config.terraformCloud;
  return config.services.map(
    (service) =>
      new PrivateLinkStack(app, service.name, {
        service,
        workspace: cloud && {
          organization: cloud.organization,
          name: workspaceNameOf(cloud, service.name),
          project: cloud.project,
        },
      }),
  );
}

/**
 * Synthesizes the config into `outdir` (default: CDKTF_OUTDIR, else
 * cdktf.out). `manifest.json` there lists exactly this config's stacks;
 * tools that read the output go by it, not by the folders present.
 * Returns the stacks written.
 */
export function synthesize(
  config: Config,
  outdir?: string,
): PrivateLinkStack[] {
  const app = new App({ ...(outdir ? { outdir } : {}), stackTraces: false });
  const stacks = buildStacks(app, config);
  app.synth();
  return stacks;
}
