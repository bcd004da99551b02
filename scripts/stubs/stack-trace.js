/**
 * Stands in for cdktf's `lib/tokens/private/stack-trace.js` in the synth
 * bundle (see scripts/bundle.js). cdktf records a full, unlimited-depth
 * stack trace for every token it creates, whatever `App({ stackTraces })`
 * says; the trace only decorates error messages about that token, and
 * capturing it was a third of the synth time at 1,000 consumers. Here a
 * token has no creation stack; the synthesized files are the same.
 */
module.exports.captureStackTrace = function captureStackTrace() {
  return [];
};
