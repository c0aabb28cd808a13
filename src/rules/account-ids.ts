/**
 * AWS account ids and IAM role ARNs, as the gateway's AWS_ACCOUNTS and the local endpoint's STS
 * both read them.
 */

/** A 12-digit AWS account id. */
export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}

// `arn:<partition>:iam::<account>:role/<path/name>`, in the commercial, China and GovCloud partitions.
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;

/** The account and the name (with its path) of an IAM role ARN; null when `arn` is not one. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | null {
  const match = ROLE_ARN.exec(arn);
  return match ? { accountId: match[1] ?? '', roleName: match[2] ?? '' } : null;
}
