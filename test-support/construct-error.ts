/**
 * An entry point for scripts/run.js whose synth fails the way a construct
 * error does: an exception thrown in src/ while the stacks are built. Two
 * services of one name, which validation rejects, reach the stack code
 * here unvalidated: two constructs of one name.
 */
import { synthesize } from "../src/app";
import { rawConfig, validConfig } from "./configs";

// Deep enough to reach this file's own frame whatever the stack's depth.
Error.stackTraceLimit = 50;
const config = validConfig(rawConfig());
synthesize({ ...config, services: [...config.services, ...config.services] });
