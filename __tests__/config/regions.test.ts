/**
 * Region codes as users mistype them: a suggestion ignores case, and a
 * region of another partition is refused by partition, never "corrected"
 * to a commercial region of similar spelling.
 */
import {
  problemsOf,
  rawConfig,
  rawConsumer,
  rawService,
} from "../../test-support/configs";

const regionProblem = (region: string) =>
  problemsOf(
    rawConfig(rawService({ consumers: [rawConsumer("seoul", { region })] })),
  );

describe("fails when a region", () => {
  test("is in upper case, saying region codes are lower case", () => {
    expect(regionProblem("US-EAST-1")).toEqual([
      'services[0].consumers[0].region: got "US-EAST-1"; expected a commercial AWS region code such as us-east-1: region codes are lower case, did you mean "us-east-1"?',
    ]);
  });

  test("is in mixed case and misspelled, suggesting the lower-case region", () => {
    expect(regionProblem("Ap-Northeast-9")).toEqual([
      'services[0].consumers[0].region: got "Ap-Northeast-9"; expected a commercial AWS region code such as us-east-1: did you mean "ap-northeast-1"?',
    ]);
  });

  test.each([
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-gov-east-1", "aws-us-gov"],
    ["eusc-de-east-1", "aws-eusc"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["CN-NORTH-1", "aws-cn"],
  ])(
    "is %s, of the %s partition: only the aws partition is supported",
    (region, partition) => {
      const [message] = regionProblem(region);
      expect(message).toBe(
        `services[0].consumers[0].region: got "${region}"; expected a commercial AWS region code such as us-east-1: ${region.toLowerCase()} is in the ${partition} partition, and only the aws partition is supported (inter-region peering and cross-region PrivateLink do not cross partitions)`,
      );
      expect(message).not.toContain("did you mean");
    },
  );

  test("of a service is of another partition, with the same word", () => {
    expect(
      problemsOf(rawConfig(rawService({ region: "us-gov-west-1" }))),
    ).toContainEqual(
      expect.stringContaining(
        'services[0].region: got "us-gov-west-1"; expected a commercial AWS region code such as us-east-1: us-gov-west-1 is in the aws-us-gov partition, and only the aws partition is supported',
      ),
    );
  });
});
