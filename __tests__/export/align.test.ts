/**
 * The export's own `terraform fmt` alignment (src/export/align.ts), proven
 * against the real formatter: a plain export runs no formatter, so the two
 * must agree on every line the renderer can write.
 */
import { format } from "@cdktf/hcl-tools";
import { alignAssignments } from "../../src/export/align";

const cases: [string, string][] = [
  [
    "attributes of one block",
    'resource "a" "b" {\n  cidr_block = "10.0.0.0/16"\n  enable_dns_support = true\n  id = 1\n}\n',
  ],
  [
    "a multi-line value ends the chain, and its own lines align apart",
    'resource "a" "b" {\n  vpc_id = "v"\n  tags = {\n    Name = "x"\n    "a-much-longer-key" = "y"\n  }\n  subnet_id = "s"\n  az = "z"\n}\n',
  ],
  [
    "a blank line and a nested block end the chain",
    'resource "a" "b" {\n  provider = aws.us_east_1\n\n  name = "n"\n  x = 1\n  lifecycle {\n    create_before_destroy = true\n  }\n  after = 2\n}\n',
  ],
  [
    "quoted keys, escapes, interpolations, non-ASCII and emoji keys",
    'locals {\n  tags = {\n    "키" = "v"\n    ab = "c"\n    "x\\"y" = "z"\n    "🚀" = "r"\n    e = {}\n    f = []\n    "$${x}" = 1\n  }\n}\n',
  ],
  [
    "values with brackets that close on their line",
    'resource "a" "b" {\n  ids = ["a", "b"]\n  expression = length([1, 2])\n  m = { a = 1 }\n  s = "a = b {"\n}\n',
  ],
];

test.each(cases)("%s: as terraform fmt aligns it", async (_, text) => {
  expect(alignAssignments(text)).toBe(await format(text));
});

test("the alignment changes only spaces before `=`", () => {
  const text = cases[1][1];
  expect(alignAssignments(text).replace(/ +=/g, " =")).toBe(text);
});
