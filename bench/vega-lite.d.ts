// Our tsconfig's "node" module resolution ignores package.json "exports",
// which is the only place vega-lite names its types.
declare module "vega-lite" {
  export * from "vega-lite/build/index";
}
