/**
 * cdktf and constructs capture a complete stack trace for every token they
 * create (each Lazy and Intrinsic value: several per resource), kept as the
 * token's creation stack for an error message should it fail to resolve.
 * Under jest every frame of every such trace goes through jest's source-map
 * support, which made building a stack of 420 consumers take 5 s instead of
 * 0.15 s (npm run synth). jest.config.js maps both packages' copies of this
 * module here: the same capture, formatted by V8 itself (frames of the
 * transformed files, as `npm run synth` shows them without maps). The
 * traces of failing tests keep jest's source-mapped formatting.
 */
"use strict";

// V8's own format. (Unsetting the hook is not enough: Node then falls back
// to the main realm's, where jest's source-map formatter is.)
const plain = (error, frames) =>
  `${error}${frames.map((frame) => `\n    at ${frame}`).join("")}`;

function captureStackTrace(below) {
  below = below || captureStackTrace;
  const object = { stack: "" };
  const previousLimit = Error.stackTraceLimit;
  const previousPrepare = Error.prepareStackTrace;
  let stack;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.prepareStackTrace = plain;
    Error.captureStackTrace(object, below);
    // V8 formats on first read: read it while its own formatter is in place.
    stack = object.stack;
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
  if (!stack) return [];
  return stack
    .split("\n")
    .slice(1)
    .map((s) => s.replace(/^\s*at\s+/, ""));
}
module.exports = { captureStackTrace };
