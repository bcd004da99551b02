/** A JSON object, as parsed: what config files, Terraform JSON and plans are made of. */
export type JsonObject = { readonly [key: string]: unknown };

/** A mutable JSON object, for code that builds one. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
