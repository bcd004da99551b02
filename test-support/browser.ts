/**
 * Renders Mermaid diagrams with the real Mermaid library (node_modules) in
 * a real browser: Debian's Chromium, headless, one launch for every
 * diagram. The page loads mermaid.min.js by file:// and calls
 * `mermaid.render()` with Mermaid's default config, so its limits
 * (maxEdges, maxTextSize) apply as they do on GitHub; what each render
 * gave back is written into the DOM, which `--dump-dom` prints.
 *
 * No network: the page and the library are local files; no host name
 * resolves and any http(s) request goes to a closed port.
 *
 * The browser run takes about 12 s of CPU (both cores for 6 to 9 s), most
 * of it Mermaid laying out the pictures near its text limit. Outside CI a
 * run's result is kept in node_modules/.cache/mermaid-render/, keyed by the
 * SHA-256 of everything it depends on: the page (every diagram and the
 * script), mermaid.min.js, Chromium's version and its flags. A warm
 * `npm test` with the same pictures takes the result from there; any change
 * to a picture, to Mermaid or to Chromium renders again. In CI and under
 * PRIVATELINK_REQUIRE_CHROMIUM=1 (.ci/run), and with
 * PRIVATELINK_RENDER_CACHE=0, every run renders.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./configs";

/** What `mermaid.render()` gave back for one diagram. */
export type Rendering =
  | {
      readonly svg: true;
      readonly bytes: number;
      /** Drawn nodes and edges (`g.node`, `path.flowchart-link`). */
      readonly nodes: number;
      readonly edges: number;
      /** The SVG's text, labels included. */
      readonly text: string;
    }
  | { readonly svg: false; readonly error: string };

export interface BrowserRun {
  /** Mermaid's own config once initialized, as the page saw it. */
  readonly config: { readonly maxEdges: number; readonly maxTextSize: number };
  readonly renderings: Readonly<Record<string, Rendering>>;
  /** Wall time of the browser run, launch to exit (0 when cached). */
  readonly ms: number;
  /** Whether the result is a cached run's on identical input. */
  readonly cached: boolean;
}

const CHROMIUM = "chromium";

let version: { readonly value: string | undefined } | undefined;

/** `Chromium 156.0.8078.114 ...`, or undefined when it is not installed. */
export function chromiumVersion(): string | undefined {
  if (version) return version.value;
  const run = spawnSync(CHROMIUM, ["--version"], {
    encoding: "utf8",
    timeout: 30_000,
  });
  version = {
    value:
      run.status !== 0
        ? undefined
        : (/Chromium [\d.]+/.exec(run.stdout)?.[0] ?? run.stdout.trim()),
  };
  return version.value;
}

/**
 * Whether a missing Chromium fails the suite instead of skipping it: in CI
 * (`CI`, as CI services set it) and wherever PRIVATELINK_REQUIRE_CHROMIUM=1
 * (.ci/run sets it).
 */
export function chromiumRequired(env = process.env): boolean {
  const ci = env.CI ?? "";
  return (
    env.PRIVATELINK_REQUIRE_CHROMIUM === "1" ||
    (ci !== "" && ci !== "false" && ci !== "0")
  );
}

const MERMAID_JS = join(ROOT, "node_modules/mermaid/dist/mermaid.min.js");

// Runs in the page. Renders one diagram after another (Mermaid's render is
// not reentrant), catching each error, then writes the results as one
// URI-encoded JSON: ASCII with nothing HTML would escape.
const PAGE_SCRIPT = `
(async () => {
  const diagrams = JSON.parse(document.getElementById("diagrams").textContent);
  mermaid.initialize({ startOnLoad: false });
  const { maxEdges, maxTextSize } = mermaid.mermaidAPI.getConfig();
  const renderings = {};
  let n = 0;
  for (const [name, text] of Object.entries(diagrams)) {
    try {
      const { svg } = await mermaid.render("diagram" + n++, text);
      // As HTML: the labels are HTML in foreignObject, not always XML.
      const root = new DOMParser()
        .parseFromString(svg, "text/html")
        .querySelector("body > svg");
      renderings[name] = root
        ? {
            svg: true,
            bytes: svg.length,
            nodes: root.querySelectorAll("g.node").length,
            edges: root.querySelectorAll("path.flowchart-link").length,
            text: root.textContent,
          }
        : { svg: false, error: "no <svg>: " + svg.slice(0, 500) };
    } catch (e) {
      renderings[name] = { svg: false, error: String((e && e.message) || e) };
    }
  }
  const out = document.createElement("pre");
  out.id = "results";
  out.textContent = encodeURIComponent(JSON.stringify({
    config: { maxEdges, maxTextSize },
    renderings,
  }));
  document.body.appendChild(out);
})();
`;

function page(diagrams: Record<string, string>): string {
  // JSON inside <script type="application/json">: only "</" could end it.
  const data = JSON.stringify(diagrams).replace(/<\//g, "<\\/");
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8">',
    `<script src="${pathToFileURL(MERMAID_JS).href}"></script>`,
    "</head><body>",
    `<script type="application/json" id="diagrams">${data}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    "</body></html>",
  ].join("\n");
}

/** Chromium's flags but the profile directory and the page. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // No network: no name resolves, and any http(s) request, to an IP
  // address too, goes to a proxy that is not there.
  "--host-resolver-rules=MAP * ~NOTFOUND",
  "--proxy-server=127.0.0.1:9",
  // Virtual time runs only while the page is idle and skips ahead
  // through its timers, so the dump waits for the async renders
  // however long they take in real time.
  "--virtual-time-budget=600000",
  "--dump-dom",
];

const CACHE_DIR = join(ROOT, "node_modules", ".cache", "mermaid-render");
/** Results kept; the oldest beyond this are removed. */
const CACHE_ENTRIES = 8;

/** Whether a run may take a cached result (see the top of this file). */
export function renderCacheEnabled(env = process.env): boolean {
  return env.PRIVATELINK_RENDER_CACHE !== "0" && !chromiumRequired(env);
}

/** The cache key of a run: the SHA-256 of everything its result depends on. */
export function renderKey(
  diagrams: Record<string, string>,
  chromium = chromiumVersion(),
): string {
  const hash = createHash("sha256");
  for (const part of [
    page(diagrams),
    readFileSync(MERMAID_JS),
    chromium ?? "no chromium",
    FLAGS.join(" "),
  ])
    hash.update(part).update("\0");
  return hash.digest("hex");
}

type Rendered = Omit<BrowserRun, "ms" | "cached">;

function cached(key: string): Rendered | undefined {
  try {
    return JSON.parse(readFileSync(join(CACHE_DIR, `${key}.json`), "utf8"));
  } catch {
    return undefined;
  }
}

/** Writes atomically, then keeps the newest CACHE_ENTRIES results. */
function keep(key: string, rendered: Rendered): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `${key}.json`);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(rendered));
  renameSync(temporary, file);
  const entries = readdirSync(CACHE_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => join(CACHE_DIR, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of entries.slice(CACHE_ENTRIES)) rmSync(old, { force: true });
}

/**
 * Renders every diagram in one headless Chromium, or takes the result of a
 * run on identical input from the cache where renderCacheEnabled(). Rejects
 * when Chromium fails, when it runs past `timeoutMs` (its whole process
 * group is killed), or when the page did not finish.
 */
export async function renderInChromium(
  diagrams: Record<string, string>,
  timeoutMs = 120_000,
): Promise<BrowserRun> {
  const useCache = renderCacheEnabled();
  const key = useCache ? renderKey(diagrams) : undefined;
  const hit = key === undefined ? undefined : cached(key);
  if (hit) return { ...hit, ms: 0, cached: true };
  const dir = mkdtempSync(join(tmpdir(), "mermaid-render-"));
  try {
    const file = join(dir, "index.html");
    writeFileSync(file, page(diagrams));
    const started = Date.now();
    const dom = await run(
      [
        ...FLAGS,
        `--user-data-dir=${join(dir, "profile")}`,
        pathToFileURL(file).href,
      ],
      timeoutMs,
    );
    const ms = Date.now() - started;
    const match = /<pre id="results">([^<]*)<\/pre>/.exec(dom);
    if (!match)
      throw new Error(
        `the page did not finish rendering; the DOM Chromium printed:\n${dom.slice(0, 2000)}`,
      );
    const rendered: Rendered = JSON.parse(decodeURIComponent(match[1]));
    if (key !== undefined) keep(key, rendered);
    return { ...rendered, ms, cached: false };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group: on a timeout the browser's helper processes
    // (zygote, renderer, GPU) go with it.
    const child = spawn(CHROMIUM, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
      reject(new Error(`chromium ran past ${timeoutMs} ms and was killed`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(`chromium exited with ${code}:\n${stderr.slice(-2000)}`),
        );
    });
  });
}
