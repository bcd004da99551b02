/**
 * The AWS emulator: moto's server (scripts/engine/emulator.py) on a free
 * loopback port, or one the caller already runs (`--emulator URL`).
 */
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { Toolchain } from "./toolchain";

export interface Emulator {
  readonly url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

/** How long moto may take to import and bind on a cold, loaded machine. */
const START_TIMEOUT_MS = 120_000;

export class EmulatorError extends Error {}

/** A loopback URL only: the engine tier never talks to anything else. */
export function checkLoopback(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EmulatorError(`--emulator ${url} is not a URL`);
  }
  if (!["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname))
    throw new EmulatorError(
      `--emulator ${url}: only a loopback address (127.0.0.1, localhost, [::1]) is allowed`,
    );
  return parsed.origin;
}

/**
 * An emulator someone else runs; never reset (other rehearsals may be using
 * it: each world is new resources of its own) and never stopped.
 */
export async function existingEmulator(url: string): Promise<Emulator> {
  const origin = checkLoopback(url);
  let response: Response;
  try {
    response = await fetch(`${origin}/moto-api/`);
  } catch (error) {
    throw new EmulatorError(
      `no moto server answers at ${origin}: ${(error as Error).message}`,
    );
  }
  if (!response.ok)
    throw new EmulatorError(
      `${origin} is not a moto server (GET /moto-api/: HTTP ${response.status})`,
    );
  return { url: origin, stop: async () => {} };
}

/** Starts moto on a free 127.0.0.1 port and waits until it listens. */
export function startEmulator(toolchain: Toolchain): Promise<Emulator> {
  const child: ChildProcess = spawn(
    toolchain.python,
    [join(toolchain.scripts, "emulator.py"), "--port", "0"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null)
        return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      void stop();
      reject(
        new EmulatorError(
          `moto did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr.trim()}`,
        ),
      );
    }, START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new EmulatorError(
          `moto exited (${code}) before listening: ${stderr.trim()}`,
        ),
      );
    });
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const match = /listening (\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const url = `http://127.0.0.1:${match[1]}`;
      resolve({ url, stop });
    });
  });
}
