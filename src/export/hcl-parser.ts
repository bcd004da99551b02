/**
 * HashiCorp's HCL parser (`@cdktf/hcl2json`, HCL compiled to WebAssembly):
 * an HCL file read into Terraform-JSON-like data, every block as a list.
 *
 * Loaded with `require` on purpose: the package's typings reference the
 * whole DOM library, which would add seconds to every type-check.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json: HclParser = require("@cdktf/hcl2json");

interface HclParser {
  parse(filename: string, contents: string): Promise<Record<string, unknown>>;
}

/** Parses one HCL file; rejects with the parser's message on a syntax error. */
export function parseHcl(
  filename: string,
  contents: string,
): Promise<Record<string, unknown>> {
  return hcl2json.parse(filename, contents);
}
