/**
 * The README is the front door and docs/ the manual: what is generated is
 * fresh, docs/config.md names every field of the schema, every command
 * `help` and the README list is a real one, and every link resolves.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { COMMAND_GROUPS, allCommands } from "../../src/cli/commands";
import { generatedDocs } from "../../scripts/docs/generate";
import { withCommandList } from "../../scripts/docs/readme-commands";
import {
  TABLES_END,
  TABLES_PAGE,
  TABLES_START,
  withBenchTables,
} from "../../bench/report";
import { validateConfig, formatProblem } from "../../src/config";
import { ROOT } from "../../test-support/configs";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const README = read("README.md");
const DOCS = readdirSync(join(ROOT, "docs"))
  .filter((file) => file.endsWith(".md"))
  .map((file) => `docs/${file}`);

describe("the README", () => {
  test("is at most 300 lines", () => {
    expect(README.split("\n").length).toBeLessThanOrEqual(300);
  });

  test("starts with what it builds, a config example, the picture, then the two commands", () => {
    const at = (text: string) => README.indexOf(text);
    expect(at("```json")).toBeGreaterThan(0);
    expect(at("```mermaid")).toBeGreaterThan(at("```json"));
    expect(at("npm install && npm run synth")).toBeGreaterThan(
      at("```mermaid"),
    );
    expect(at("npm test")).toBeGreaterThan(at("npm install && npm run synth"));
    expect(at("## Against real AWS")).toBeGreaterThan(0);
  });

  test.each([
    "docs/config.md",
    "docs/validation.md",
    "docs/verify.md",
    "docs/export.md",
    "docs/review.md",
    "docs/native.md",
    "docs/cross-account.md",
    "docs/engine.md",
    "docs/performance.md",
    "docs/pitfalls.md",
    "docs/architecture.md",
    "docs/iam/",
  ])("links to %s", (page) => {
    expect(README).toContain(`](${page})`);
  });

  test("holds no IAM policy and no bench tables (they live in docs/)", () => {
    expect(README).not.toContain('"Version": "2012-10-17"');
    expect(README).not.toContain(TABLES_START);
  });
});

describe("generated files (npm run docs)", () => {
  test.each([...generatedDocs(ROOT).entries()])("%s is fresh", (path, text) => {
    expect(read(path)).toBe(text);
  });
});

/** Every property path of a JSON Schema: `services[].consumers[].name`. */
function schemaPaths(node: Record<string, unknown>, prefix = ""): string[] {
  const paths: string[] = [];
  const properties = (node.properties ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  for (const [name, child] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    paths.push(path, ...schemaPaths(child, path));
  }
  if (node.items && typeof node.items === "object")
    paths.push(
      ...schemaPaths(node.items as Record<string, unknown>, `${prefix}[]`),
    );
  if (
    node.additionalProperties &&
    typeof node.additionalProperties === "object"
  ) {
    paths.push(`${prefix}.<key>`);
    paths.push(
      ...schemaPaths(
        node.additionalProperties as Record<string, unknown>,
        `${prefix}.<key>`,
      ),
    );
  }
  for (const alternative of [
    ...((node.anyOf ?? []) as Record<string, unknown>[]),
  ])
    paths.push(...schemaPaths(alternative, prefix));
  return paths;
}

describe("docs/config.md", () => {
  const schema = JSON.parse(read("config/schema.json"));
  const page = read("docs/config.md");
  const paths = schemaPaths(schema);

  test("the schema has the fields a config relies on", () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        "services[].endpointVpc.subnetCidrs",
        "services[].consumers[].routeTableIds",
        "terraformCloud.workspacePrefix",
      ]),
    );
  });

  test.each(paths)("names %s with its heading", (path) => {
    expect(page).toMatch(
      new RegExp(
        `^#+ \`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\`$`,
        "m",
      ),
    );
  });

  test("says which fields are required", () => {
    const section = page.slice(
      page.indexOf("`services[].consumers[].vpcId`\n"),
    );
    expect(section.slice(0, section.indexOf("\n#"))).toContain("- Required");
  });
});

describe("the command list (src/cli/commands.ts)", () => {
  const scripts = JSON.parse(read("package.json")).scripts as Record<
    string,
    string
  >;

  test("every npm command it names is a script of package.json", () => {
    for (const command of allCommands()) {
      const script = /^npm run ([\w:]+)/.exec(command.usage)?.[1];
      if (script) expect(Object.keys(scripts)).toContain(script);
    }
  });

  test("it names every script a user runs", () => {
    const named = new Set(
      allCommands().map(
        (command) => /^npm (?:run )?([\w:]+)/.exec(command.usage)?.[1],
      ),
    );
    // Internal steps of npm test and the build; diff and deploy are cdktf's own.
    const internal = new Set(["build", "typecheck", "lint", "diff", "deploy"]);
    const missing = Object.keys(scripts).filter(
      (s) => !internal.has(s) && !named.has(s),
    );
    expect(missing).toEqual([]);
  });

  test("help and the README list every command", () => {
    const help = read("help");
    for (const command of allCommands()) {
      expect(help).toContain(command.usage);
      expect(README).toContain(`\`${command.usage}\``);
    }
    for (const group of COMMAND_GROUPS) expect(help).toContain(group.title);
  });

  test("the README's list is replaced, not appended to", () => {
    expect(withCommandList(withCommandList(README))).toBe(
      withCommandList(README),
    );
    expect(() => withCommandList("no markers")).toThrow(/commands:start/);
  });
});

describe("config examples", () => {
  // The engine tier applies every complete example (documentedConfigs); one
  // that stopped validating would silently drop out of it.
  test.each(["README.md", ...DOCS])(
    "every complete config example of %s validates",
    (file) => {
      for (const [, body] of read(file).matchAll(/```json\n([\s\S]*?)```/g)) {
        let raw: unknown;
        try {
          raw = JSON.parse(body);
        } catch {
          continue; // a fragment such as `"terraformCloud": {…}`
        }
        if (typeof raw !== "object" || raw === null || !("services" in raw))
          continue;
        const result = validateConfig(raw, {});
        expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
      }
    },
  );

  test("the README's example is the shipped default config", () => {
    const example = /```json\n([\s\S]*?)```/.exec(README)![1];
    expect(JSON.parse(example)).toEqual(
      JSON.parse(read("config/default.json")),
    );
  });
});

/** GitHub's anchors of a page's headings. */
function anchorsOf(markdown: string): Set<string> {
  const headings = markdown
    .replace(/```[\s\S]*?```/g, "")
    .matchAll(/^#+ (.+)$/gm);
  return new Set(
    [...headings].map(([, title]) =>
      title
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    ),
  );
}

describe("links", () => {
  test.each(["README.md", ...DOCS])(
    "every relative link of %s resolves, anchors too",
    (file) => {
      // Code is not a link, even when a pattern in it reads like one.
      const text = read(file)
        .replace(/```[\s\S]*?```/g, "")
        .replace(/`[^`\n]*`/g, "");
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const [path, anchor] = target.split("#");
        const resolved = join(ROOT, dirname(file), path);
        if (!existsSync(resolved)) broken.push(target);
        else if (
          anchor &&
          !anchorsOf(readFileSync(resolved, "utf8")).has(anchor)
        )
          broken.push(target);
      }
      expect(broken).toEqual([]);
    },
  );
});

describe("the bench's tables", () => {
  test(`go to ${TABLES_PAGE}, between its markers`, () => {
    const page = read(TABLES_PAGE);
    expect(page.indexOf(TABLES_START)).toBeGreaterThan(0);
    expect(page.indexOf(TABLES_END)).toBeGreaterThan(
      page.indexOf(TABLES_START),
    );
    const replaced = withBenchTables(page, "| new | table |");
    expect(replaced).toContain(
      `${TABLES_START}\n\n| new | table |\n\n${TABLES_END}`,
    );
    expect(replaced.slice(0, replaced.indexOf(TABLES_START))).toBe(
      page.slice(0, page.indexOf(TABLES_START)),
    );
    expect(() => withBenchTables(README, "x")).toThrow(/bench:start/);
  });
});
