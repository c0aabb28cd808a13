import type { AwsAccountSetting } from '../../src/aws/accounts.js';

/** Accounts the tests declare on the local endpoint and in AWS_ACCOUNTS. */
export const TEAM_A = '111111111111';
export const TEAM_B = '222222222222';

/** An AWS_ACCOUNTS entry: the account's role `elasticache-graphql`, in us-east-1. */
export function servedAccount(accountId: string, extra: Partial<AwsAccountSetting> = {}): AwsAccountSetting {
  return {
    accountId,
    roleArn: `arn:aws:iam::${accountId}:role/elasticache-graphql`,
    regions: ['us-east-1'],
    name: accountId,
    ...extra,
  };
}

/** The ARN of a replication group of `accountId` in us-east-1. */
export function groupArn(accountId: string, replicationGroupId = 'orders-cache'): string {
  return `arn:aws:elasticache:us-east-1:${accountId}:replicationgroup:${replicationGroupId}`;
}
