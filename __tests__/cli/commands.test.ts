/**
 * Every npm command behaves like a tool: `--help` prints its usage on
 * stdout and exits 0; an unknown flag is refused on stderr, with the usage,
 * and exit 2, before anything is read or written.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CommandOutput } from "../../src/cli/io";
import { engineCommand } from "../../src/engine/command";
import { exportCommand } from "../../src/export/command";
import { planCommentCommand } from "../../src/review/command";
import { synthCommand } from "../../src/synth-command";
import { verifyCommand } from "../../src/verify/command";
import { ROOT } from "../../test-support/configs";
import { ownBundles, runEntry, tempDir } from "../../test-support/run";

type Command = (
  args: readonly string[],
  env: Record<string, string | undefined>,
  output: CommandOutput,
) => number | Promise<number>;

const commands: [string, Command][] = [
  ["synth", synthCommand],
  ["verify", verifyCommand],
  ["export", exportCommand],
  ["plan:comment", planCommentCommand],
  ["engine", engineCommand],
];

async function run(command: Command, args: string[]) {
  let stdout = "";
  let stderr = "";
  // An outdir that does not exist: a command that read it would fail otherwise.
  const env = { CDKTF_OUTDIR: join(tempDir(), "none") };
  const code = await command(args, env, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

test("the commands tested here are the package's scripts", () => {
  const scripts = JSON.parse(
    readFileSync(join(ROOT, "package.json"), "utf8"),
  ).scripts;
  for (const [name] of commands) expect(scripts[name]).toBeDefined();
  expect(scripts.bench).toBeDefined();
});

test.each(commands)("%s --help: its usage, exit 0", async (_, command) => {
  const result = await run(command, ["--help"]);
  expect(result).toEqual({
    code: 0,
    stdout: expect.stringMatching(/^usage: npm run /),
    stderr: "",
  });
});

test.each(commands)(
  "%s --no-such-flag: refused with its usage, exit 2",
  async (_, command) => {
    const result = await run(command, ["--no-such-flag"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/--no-such-flag/);
    expect(result.stderr).toMatch(/usage: npm run /);
  },
);

describe("bench, as run", () => {
  const bundles = ownBundles(["bench/bench.ts"]);
  test("--help: its usage, exit 0; an unknown flag: exit 2, no stack trace", () => {
    const help = runEntry(bundles.dist(), "bench/bench.ts", {}, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run bench/);
    const unknown = runEntry(bundles.dist(), "bench/bench.ts", {}, ["--nope"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /^Unknown option '--nope'\nusage: npm run bench/,
    );
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
