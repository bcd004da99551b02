/**
 * The engine tier's toolchain as `npm run engine:install` left it: where it
 * is, and whether what is installed is what scripts/engine/versions.env pins.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The pins of scripts/engine/versions.env. */
export interface Pins {
  readonly providerVersion: string;
  readonly providerPseudoVersion: string;
  readonly tofuVersion: string;
  readonly motoVersion: string;
}

export interface Toolchain {
  readonly home: string;
  readonly tofu: string;
  /** The CLI config file that makes `init` use the filesystem mirror, offline. */
  readonly cliConfig: string;
  readonly python: string;
  /** scripts/engine: the emulator and world builders. */
  readonly scripts: string;
  readonly pins: Pins;
}

/** The toolchain is missing or not the pinned one: say which command installs it. */
export class ToolchainError extends Error {}

export const INSTALL_COMMAND = "npm run engine:install";

/** The repo's scripts/engine, found from this file in src/ or from the bundle in node_modules/.cache. */
export function scriptsDirectory(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "scripts", "engine");
    if (existsSync(join(candidate, "versions.env"))) return candidate;
    dir = resolve(dir, "..");
  }
  return resolve(process.cwd(), "scripts", "engine");
}

export function engineHome(
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (env.PRIVATELINK_ENGINE_HOME) return resolve(env.PRIVATELINK_ENGINE_HOME);
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(cache, "cross-region-privatelink", "engine");
}

/** `KEY=value` lines of versions.env (comments and quotes as bash reads them). */
export function readPins(file: string): Pins {
  const values = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1], match[2].replace(/^"(.*)"$/, "$1"));
  }
  const get = (key: string): string => {
    const value = values.get(key);
    if (!value) throw new ToolchainError(`${file} has no ${key}`);
    return value;
  };
  return {
    providerVersion: get("PROVIDER_VERSION"),
    providerPseudoVersion: get("PROVIDER_PSEUDO_VERSION"),
    tofuVersion: get("TOFU_VERSION"),
    motoVersion: get("MOTO_VERSION"),
  };
}

/** The installed toolchain; throws a ToolchainError naming what is missing. */
export function findToolchain(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Toolchain {
  const home = engineHome(env);
  const scripts = scriptsDirectory();
  const pins = readPins(join(scripts, "versions.env"));
  const stamp = (name: string): string | undefined => {
    try {
      return readFileSync(join(home, "stamps", name), "utf8").split(" ")[0];
    } catch {
      return undefined;
    }
  };
  const missing: string[] = [];
  const check = (label: string, name: string, want: string, file: string) => {
    const have = stamp(name);
    if (!existsSync(file)) missing.push(`${label} (${file})`);
    else if (have !== want)
      missing.push(`${label} v${want} (installed: ${have ?? "unknown"})`);
  };
  const tofu = join(home, "bin", "tofu");
  const python = join(home, "moto", "bin", "python");
  const cliConfig = join(home, "tofurc");
  check("OpenTofu", "tofu", pins.tofuVersion, tofu);
  check(
    "hashicorp/aws",
    "provider",
    pins.providerVersion,
    join(home, "mirror", "registry.opentofu.org", "hashicorp", "aws"),
  );
  check("moto", "moto", pins.motoVersion, python);
  if (!existsSync(cliConfig)) missing.push(`the CLI config (${cliConfig})`);
  if (missing.length > 0)
    throw new ToolchainError(
      `the engine toolchain in ${home} is incomplete: ${missing.join(", ")}. Install it with \`${INSTALL_COMMAND}\` (the provider's first build takes tens of minutes).`,
    );
  return { home, tofu, cliConfig, python, scripts, pins };
}

/** The first line of every run: which engine, provider and emulator judged. */
export function versionLine(toolchain: Toolchain): string {
  const { tofuVersion, providerVersion, motoVersion } = toolchain.pins;
  return `engine: OpenTofu v${tofuVersion}, hashicorp/aws v${providerVersion}, moto v${motoVersion}`;
}
