import { isAccountId, parseRoleArn } from '../rules/account-ids.js';

/**
 * AWS_ACCOUNTS: the accounts one gateway serves, each reached through a role it assumes (STS
 * AssumeRole with the gateway's own credentials as the source). Parsed and checked here, once,
 * at start; a mistake is refused with the path of the value (`AWS_ACCOUNTS[1].roleArn`), never
 * echoing an ExternalId.
 */

export interface AwsAccountSetting {
  /** 12 digits. */
  accountId: string;
  /** `arn:aws:iam::<accountId>:role/<name>`: the role assumed in that account. */
  roleArn: string;
  /** The ExternalId the role's trust policy demands, if any (kept out of logs and messages). */
  externalId?: string;
  /** The regions served in this account: the gateway's regions, or some of them when listed. */
  regions: string[];
  /** What people call it (e.g. `payments-prod`); the account id when not given. */
  name: string;
}

/** A gateway is not a fleet scanner: beyond this many accounts, run several. */
export const MAX_ACCOUNTS = 100;

// STS's own pattern and bounds for ExternalId.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const NAME = /^[\w.@ -]{1,64}$/;
const KEYS = new Set(['accountId', 'roleArn', 'externalId', 'regions', 'name']);

export class AwsAccountsError extends Error {
  override readonly name = 'AwsAccountsError';
}

/**
 * AWS_ACCOUNTS's value: inline JSON (a list of `{ accountId, roleArn, externalId?, regions?, name? }`)
 * or `@<path>` of a file holding it, read with `readFile`.
 */
export function parseAwsAccounts(
  raw: string,
  servedRegions: readonly string[],
  readFile: (path: string) => string,
): AwsAccountSetting[] {
  const text = raw.trim();
  let source = 'AWS_ACCOUNTS';
  let json = text;
  if (text.startsWith('@')) {
    source = `AWS_ACCOUNTS (${text.slice(1, 200)})`;
    try {
      json = readFile(text.slice(1));
    } catch (error) {
      throw new AwsAccountsError(`${source} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
  }
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    // The parser's message quotes the text, which may hold an ExternalId.
    throw new AwsAccountsError(`${source} is not JSON: give a list of { accountId, roleArn, ... } or @<path>.`);
  }
  if (!Array.isArray(list) || list.length === 0)
    throw new AwsAccountsError(`${source} must be a non-empty JSON list of { accountId, roleArn, ... }.`);
  if (list.length > MAX_ACCOUNTS)
    throw new AwsAccountsError(
      `${source} lists ${list.length} accounts; at most ${MAX_ACCOUNTS} are served by one gateway.`,
    );
  const accounts = list.map((entry, index) => parseAccount(entry, `AWS_ACCOUNTS[${index}]`, servedRegions));
  const seen = new Map<string, string>();
  accounts.forEach((account, index) => {
    for (const [what, value] of [
      ['accountId', account.accountId],
      ['name', account.name],
    ] as const) {
      const key = `${what}\u0000${value}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw new AwsAccountsError(`AWS_ACCOUNTS[${index}].${what} "${value}" is already that of ${earlier}.`);
      seen.set(key, `AWS_ACCOUNTS[${index}]`);
    }
  });
  return accounts;
}

function parseAccount(entry: unknown, at: string, servedRegions: readonly string[]): AwsAccountSetting {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new AwsAccountsError(`${at} must be an object { accountId, roleArn, externalId?, regions?, name? }.`);
  const fields = entry as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !KEYS.has(key));
  if (unknown !== undefined)
    throw new AwsAccountsError(
      `${at} has "${unknown.slice(0, 40)}", which is not one of accountId, roleArn, externalId, regions, name.`,
    );
  const { accountId, roleArn, externalId, regions, name } = fields;
  if (typeof accountId !== 'string' || !isAccountId(accountId))
    throw new AwsAccountsError(`${at}.accountId must be a 12-digit AWS account id.`);
  if (typeof roleArn !== 'string') throw new AwsAccountsError(`${at}.roleArn is required: the role to assume.`);
  const role = parseRoleArn(roleArn);
  if (!role)
    throw new AwsAccountsError(
      `${at}.roleArn "${roleArn.slice(0, 200)}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`,
    );
  if (role.accountId !== accountId)
    throw new AwsAccountsError(`${at}.roleArn is a role of account ${role.accountId}, not of ${accountId}.`);
  if (externalId !== undefined && (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId)))
    throw new AwsAccountsError(
      `${at}.externalId must be 2 to 1224 of the characters STS accepts (letters, digits, +=,.@:/-_).`,
    );
  if (name !== undefined && (typeof name !== 'string' || !NAME.test(name)))
    throw new AwsAccountsError(`${at}.name must be 1 to 64 letters, digits, spaces or ._@-.`);
  let served = [...servedRegions];
  if (regions !== undefined) {
    if (!Array.isArray(regions) || regions.length === 0 || regions.some((region) => typeof region !== 'string'))
      throw new AwsAccountsError(`${at}.regions must be a non-empty list of region names.`);
    const unserved = (regions as string[]).find((region) => !servedRegions.includes(region));
    if (unserved !== undefined)
      throw new AwsAccountsError(
        `${at}.regions holds "${unserved.slice(0, 40)}", which this gateway does not serve (ELASTICACHE_REGIONS: ${servedRegions.join(', ')}).`,
      );
    served = servedRegions.filter((region) => (regions as string[]).includes(region));
  }
  return {
    accountId,
    roleArn,
    ...(externalId !== undefined ? { externalId: externalId as string } : {}),
    regions: served,
    name: (name as string | undefined) ?? accountId,
  };
}
