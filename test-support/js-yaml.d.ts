// The one function the tests use from js-yaml (4.x), which ships no types.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
