/**
 * Config files as people write them: JSON with or without a byte order
 * mark, or YAML; the same schema and the same error paths either way; every
 * syntax error placed by line and column; a relative PRIVATELINK_CONFIG
 * read from where the user ran npm.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import {
  configPathFromEnv,
  formatProblem,
  loadConfigFile,
} from "../../src/config";
import {
  ROOT,
  hubAndSpokeService,
  rawConfig,
  rawService,
} from "../../test-support/configs";
import { tempDir } from "../../test-support/run";

function write(name: string, text: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

function problemsIn(name: string, text: string): string[] {
  const result = loadConfigFile(write(name, text));
  return result.ok ? [] : result.problems.map(formatProblem);
}

const config = rawConfig(hubAndSpokeService());
const expected = loadConfigFile(
  write("config.json", JSON.stringify(config, null, 2)),
);

describe("a config file is read", () => {
  test("as JSON", () => {
    expect(expected).toMatchObject({ ok: true });
  });

  test("as JSON after a UTF-8 byte order mark", () => {
    const file = write(
      "config.json",
      "\uFEFF" + JSON.stringify(config, null, 2),
    );
    expect(loadConfigFile(file)).toEqual(expected);
  });

  test.each(["config.yaml", "config.yml", "CONFIG.YAML"])(
    "as YAML from %s, to the same config",
    (name) => {
      const text = `# yaml-language-server: $schema=../config/schema.json\n${stringify(config)}`;
      expect(loadConfigFile(write(name, text))).toEqual(expected);
    },
  );

  test("as YAML after a byte order mark", () => {
    expect(
      loadConfigFile(write("c.yaml", "\uFEFF" + stringify(config))),
    ).toEqual(expected);
  });

  test("as YAML with anchors and merge keys for shared consumer settings", () => {
    const text = `
services:
  - name: internal-api
    serviceName: com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0
    region: us-east-1
    ports: [443]
    endpointVpc: { cidr: 10.100.0.0/24, azIds: [use1-az1] }
    consumers:
      - &seoul
        name: seoul
        region: ap-northeast-2
        vpcId: vpc-0b1c2d3e4f5a6b7c8
        cidrs: [10.0.0.0/16]
        routeTableIds: [rtb-0a1b2c3d4e5f60718]
      - <<: *seoul
        name: seoul-batch
        vpcId: vpc-0aaaaaaaaaaaaaaa1
        cidrs: [10.1.0.0/16]
        routeTableIds: [rtb-0aaaaaaaaaaaaaaa1]
`;
    const result = loadConfigFile(write("c.yaml", text));
    expect(result.ok && result.config.services[0].consumers).toEqual([
      expect.objectContaining({ name: "seoul", region: "ap-northeast-2" }),
      expect.objectContaining({
        name: "seoul-batch",
        region: "ap-northeast-2",
      }),
    ]);
  });
});

describe("JSON and YAML get the same problems at the same paths", () => {
  const invalid = rawConfig(
    rawService({
      ports: [443, 70000],
      consumers: [
        { ...hubAndSpokeService().consumers[0], cidrs: ["10.0.0.0/33"] },
      ],
    }),
  );

  test("every problem, by its path", () => {
    const json = problemsIn("c.json", JSON.stringify(invalid));
    expect(json).toEqual([
      expect.stringMatching(/^services\[0\]\.consumers\[0\]\.cidrs\[0\]: /),
      expect.stringMatching(/^services\[0\]\.ports\[1\]: got 70000; /),
    ]);
    expect(problemsIn("c.yaml", stringify(invalid))).toEqual(json);
  });
});

const ENDS_EARLY =
  "Unexpected end of JSON input: the file ends before every '{' and '[' in it is closed";

describe("a syntax error names its line and column", () => {
  test.each([
    [
      "a trailing comma",
      '{\n  "services": [\n    { "name": "x", }\n  ]\n}\n',
      'line 3, column 20: got "{ \\"name\\": \\"x\\", }"; expected valid JSON: Expected double-quoted property name',
    ],
    [
      "a bare word (V8 gives no position)",
      '{\n  "services": [\n    services\n  ]\n}\n',
      "line 3, column 5: got \"services\"; expected valid JSON: Unexpected token 's'",
    ],
    [
      "a missing comma",
      '{\n  "services": []\n  "terraformCloud": {}\n}',
      "line 3, column 3: got \"\\\"terraformCloud\\\": {}\"; expected valid JSON: Expected ',' or '}' after property value",
    ],
    [
      "a file that ends early, placed just past its last character",
      '{\n  "services": [\n\n',
      `line 2, column 16: got "\\"services\\": ["; expected valid JSON: ${ENDS_EARLY}`,
    ],
    [
      "a file cut after a comma, where V8 expects a property name",
      '{\n  "services": [],\n',
      `line 2, column 18: got "\\"services\\": [],"; expected valid JSON: ${ENDS_EARLY}`,
    ],
    [
      "an empty file",
      " \n",
      'line 1, column 1: got ""; expected valid JSON: the file is empty',
    ],
    [
      "a comment",
      '{\n  // services\n  "services": []\n}',
      "line 2, column 3: got \"// services\"; expected valid JSON: Expected property name or '}'",
    ],
    [
      "a syntax error after a byte order mark, counted without it",
      '\uFEFF{ "services": [,] }',
      'line 1, column 16: got "{ \\"services\\": [,] }"; expected valid JSON: Unexpected token \',\'',
    ],
  ])("in JSON: %s", (_, text, message) => {
    expect(problemsIn("c.json", text)).toEqual([message]);
  });

  test("in JSON, every error at once: the first in V8's words, then one per later line", () => {
    const text = [
      "{",
      '  "services": [',
      '    { "name": "a", },',
      '    { "name": "b" "ports": [443] },',
      "    { \"name\": 'c' },",
      '    { "name": "d" }',
      "  ]",
      "}",
    ].join("\n");
    expect(problemsIn("c.json", text)).toEqual([
      'line 3, column 20: got "{ \\"name\\": \\"a\\", },"; expected valid JSON: Expected double-quoted property name',
      'line 4, column 19: got "{ \\"name\\": \\"b\\" \\"ports\\": [443] },"; expected valid JSON: Expected \',\'',
      "line 5, column 15: got \"{ \\\"name\\\": 'c' },\"; expected valid JSON: Strings take double quotes: 'c'",
    ]);
  });

  test("in JSON, a file that also ends early says so last, once", () => {
    expect(
      problemsIn("c.json", '{\n  "services": [\n    { "name": 1 2 },\n'),
    ).toEqual([
      expect.stringMatching(
        /^line 3, column 17: .*Expected ',' or '}' after property value$/,
      ),
      `line 3, column 21: got "{ \\"name\\": 1 2 },"; expected valid JSON: ${ENDS_EARLY}`,
    ]);
  });

  test("in JSON, an error that is the only one stays the only one", () => {
    expect(problemsIn("c.json", '{\n  "services": [\n    1 2\n  ]\n}')).toEqual(
      [
        expect.stringMatching(
          /^line 3, column 7: .*expected valid JSON: Expected ',' or ']' after array element$/,
        ),
      ],
    );
  });

  test("in YAML, every error at once", () => {
    const problems = problemsIn(
      "c.yaml",
      "services:\n  - name: a\n    name: b\n    ports: [443\n",
    );
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems[0]).toMatch(
      /^line 3, column 5: got "name: b"; expected valid YAML: Map keys must be unique/,
    );
    expect(problems[1]).toMatch(
      /^line \d+, column \d+: .*expected valid YAML: /,
    );
  });

  test("in YAML, a tab for indentation", () => {
    expect(problemsIn("c.yml", "services:\n\t- name: a\n")).toEqual([
      expect.stringMatching(
        /^line 2, column 1: got "- name: a"; expected valid YAML: /,
      ),
    ]);
  });
});

describe("the config path", () => {
  test("is absolute: a relative PRIVATELINK_CONFIG is read from where npm was run (INIT_CWD)", () => {
    expect(
      configPathFromEnv({
        PRIVATELINK_CONFIG: "fleet/prod.yaml",
        INIT_CWD: "/home/me/infra",
      }),
    ).toBe("/home/me/infra/fleet/prod.yaml");
  });

  test("without INIT_CWD (not run by npm), from the working directory", () => {
    expect(configPathFromEnv({ PRIVATELINK_CONFIG: "prod.json" })).toBe(
      resolve("prod.json"),
    );
  });

  test("an absolute PRIVATELINK_CONFIG is taken as it is", () => {
    expect(
      configPathFromEnv({ PRIVATELINK_CONFIG: "/etc/pl.json", INIT_CWD: "/x" }),
    ).toBe("/etc/pl.json");
  });

  test("the default is the repository's config/default.json, wherever npm was run", () => {
    expect(configPathFromEnv({ INIT_CWD: "/home/me" })).toBe(
      resolve("config/default.json"),
    );
  });
});

test("the YAML example of docs/config.md is a valid config, and names the schema for editors", () => {
  const page = readFileSync(join(ROOT, "docs", "config.md"), "utf8");
  const [, example] = /```yaml\n([\s\S]*?)```/.exec(page)!;
  expect(example).toMatch(
    /^# yaml-language-server: \$schema=\.\.\/config\/schema\.json\n/,
  );
  const result = loadConfigFile(write("example.yaml", example));
  expect(result).toMatchObject({ ok: true });
});
