/**
 * IAM role ARNs of the commercial partition, the only one whose regions
 * this project accepts: `arn:aws:iam::<12-digit account>:role/<path/><name>`.
 */
export const ROLE_ARN =
  /^arn:aws:iam::(\d{12}):role\/(?:[\x21-\x7e]{1,510}\/)?[\w+=,.@-]{1,64}$/;

/** The account id a role ARN names. */
export function accountOf(roleArn: string): string {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new Error(`not a role ARN: ${roleArn}`);
  return match[1];
}
