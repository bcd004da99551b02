/**
 * Generated blocks inside hand-written pages: the text between
 * `<!-- name:start -->` and `<!-- name:end -->` is replaced, the rest kept.
 */

export const startOf = (name: string) => `<!-- ${name}:start -->`;
export const endOf = (name: string) => `<!-- ${name}:end -->`;

/** `page` with block `name` replaced by `content`; throws without markers. */
export function withBlock(page: string, name: string, content: string): string {
  const start = page.indexOf(startOf(name));
  const end = page.indexOf(endOf(name));
  if (start < 0 || end < start)
    throw new Error(`no ${startOf(name)} … ${endOf(name)} block`);
  return `${page.slice(0, start + startOf(name).length)}\n\n${content}\n\n${page.slice(end)}`;
}
