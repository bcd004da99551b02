import { App } from "cdktf";
import type { Config } from "./config";
import { PrivateLinkStack } from "./stack";

/** Builds one stack per service in `app`. */
export function buildStacks(app: App, config: Config): PrivateLinkStack[] {
  return config.services.map(
    (service) => new PrivateLinkStack(app, service.name, { service }),
  );
}

/**
 * Synthesizes the config into `outdir` (default: CDKTF_OUTDIR, else
 * cdktf.out). `manifest.json` there lists exactly this config's stacks;
 * tools that read the output go by it, not by the folders present.
 */
export function synthesize(config: Config, outdir?: string): App {
  const app = new App({ ...(outdir ? { outdir } : {}), stackTraces: false });
  buildStacks(app, config);
  app.synth();
  return app;
}
