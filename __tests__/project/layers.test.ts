/**
 * The layers (docs/architecture.md): data flows one way and no module
 * reaches back up. Each rule lists what a folder may import; anything else
 * is a layering error that this test names by file and module.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const SRC = join(__dirname, "..", "..", "src");

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? sources(path)
      : path.endsWith(".ts")
        ? [path]
        : [];
  });
}

/** What `file` imports: src-relative folders for our modules, package names otherwise. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import) "([^"]+)"/g)].map(([, m]) =>
    m.startsWith(".") ? relative(SRC, resolve(file, "..", m)) : m,
  );
}

/** Folder under src/ -> what its files may import besides themselves and node:. */
const ALLOWED: Record<string, RegExp> = {
  // Neutral facts: nothing of ours, a few well-kept libraries.
  lib: /^(lib\/|ip-address$|tldts$|constructs$)/,
  // The synth-output contract: facts and its own schema.
  output: /^(output\/|lib\/|ip-address$|zod$)/,
  // Constructs take plain Props: no config, no stack, no readers.
  constructs:
    /^(constructs\/|lib\/|cdktf$|constructs$|@cdktf\/provider-aws\/lib\/)/,
  // The stack: the topology from the model, built of constructs.
  stack:
    /^(stack\/|constructs\/|config$|lib\/|output\/|cdktf$|constructs$|@cdktf\/provider-aws\/lib\/)/,
  // Readers of the synth output never read the config or the generator.
  verify: /^(verify\/|output\/|lib\/|cli\/|ip-address$|zod$)/,
  export:
    /^(export\/|output\/|lib\/|cli\/|@cdktf\/hcl-tools$|@cdktf\/hcl2json$)/,
  review: /^(review\/|output\/|lib\/|cli\/)/,
  engine: /^(engine\/|output\/|lib\/|cli\/)/,
  cli: /^(cli\/|lib\/)/,
  // The config: its schema and rules, and the parsers of the file (YAML).
  config:
    /^(config\/|lib\/|zod$|fastest-levenshtein$|tldts$|yaml$|jsonc-parser$)/,
};

const cases = sources(SRC)
  .map((file) => [relative(SRC, file), file] as const)
  .filter(([name]) => name.split("/")[0] in ALLOWED);

test.each(cases)("%s imports only what its layer may", (name, file) => {
  const layer = ALLOWED[name.split("/")[0]];
  const outside = importsOf(file).filter(
    (m) => !m.startsWith("node:") && !layer.test(m),
  );
  expect({ file: name, outside }).toEqual({ file: name, outside: [] });
});

test("the rules cover every folder of src/", () => {
  const folders = readdirSync(SRC).filter((name) =>
    statSync(join(SRC, name)).isDirectory(),
  );
  expect(folders.filter((f) => !(f in ALLOWED))).toEqual([]);
});

test("in src/stack/ only the base stack imports cdktf, so a fork of it is a small switch", () => {
  const importers = sources(join(SRC, "stack"))
    .filter((file) => importsOf(file).includes("cdktf"))
    .map((file) => relative(SRC, file));
  expect(importers).toEqual(["stack/base-stack.ts"]);
});
