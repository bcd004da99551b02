/**
 * jest's runtime, with one change: a module's code is compiled once per
 * worker process, not once per suite.
 *
 * jest gives every suite a fresh module registry in a fresh context, and
 * compiles every module it loads there with `vm.compileFunction`, which V8
 * does not cache (nodejs/node#35375). So each suite that builds a stack
 * compiled cdktf, constructs, zod and the provider classes (~4.5 MB) again:
 * about 4 s of the suite's 34 s of CPU went to that alone.
 *
 * Here a module's wrapper is a `vm.Script`, kept per worker and keyed by the
 * file name and its exact (transformed) text, and run in each suite's own
 * context. Only the bytecode is shared, the functions V8 compiled lazily
 * included: every suite still runs every module's top level in its own
 * context, with its own `module`, `exports` and `require`, so what a suite
 * sees is what jest's runtime gives it. A module whose text holds `import(`
 * is compiled jest's way: a Script's dynamic-import callback is fixed when
 * it is compiled, and would be the first suite's.
 *
 * The wrapper stands on a line of its own, and `lineOffset: -1` gives the
 * module's lines their own numbers, so stack traces (and jest's source
 * maps) point where they did.
 *
 * It patches `ModuleExecutor#compile`, internal to jest-runtime; jest is
 * pinned, and __tests__/project/harness.test.ts fails if the patch stops
 * applying.
 */
const { Script } = require("node:vm");
const JestRuntime = require("jest-runtime").default;

/** file name -> { text, parameters, script }, for this worker process. */
const scripts = new Map();

/**
 * This worker's counts: modules compiled into a shared script, runs that
 * took one compiled before, and compiles left to jest. Each suite's global
 * has them under STATS (for __tests__/project/harness.test.ts).
 */
const stats = { compiled: 0, shared: 0, jest: 0 };
const STATS = Symbol.for("privatelink.jest-runtime.stats");

/**
 * The module's shared script; undefined for one jest compiles its own way:
 * one with `import(`, or with a syntax error (jest reports it, and retries
 * a file with ESM syntax as a module).
 */
function sharedScript(executor, text, filename) {
  const parameters = executor.injectedModuleParameters.join(", ");
  const kept = scripts.get(filename);
  if (kept && kept.text === text && kept.parameters === parameters) {
    stats.shared++;
    return kept.script;
  }
  let script;
  try {
    if (!text.includes("import("))
      script = new Script(`(function (${parameters}) {\n${text}\n})`, {
        filename,
        lineOffset: -1,
      });
  } catch {
    script = undefined;
  }
  if (script === undefined) {
    stats.jest++;
    return undefined;
  }
  scripts.set(filename, { text, parameters, script });
  stats.compiled++;
  return script;
}

class SharedCompileRuntime extends JestRuntime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    if (!executor || typeof executor.compile !== "function") return;
    const compile = executor.compile.bind(executor);
    executor.compile = (text, filename) => {
      const context = executor.environment.getVmContext();
      const script =
        context == null ? undefined : sharedScript(executor, text, filename);
      return script === undefined
        ? compile(text, filename)
        : script.runInContext(context);
    };
    const global = executor.environment.global;
    if (global) global[STATS] = stats;
  }
}

module.exports = SharedCompileRuntime;
