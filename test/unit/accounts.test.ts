import { describe, expect, it } from 'vitest';
import { AwsAccountsError, MAX_ACCOUNTS, parseAwsAccounts } from '../../src/aws/accounts.js';
import { accountScope, grantsAnywhere, grantsIn, SCOPES } from '../../src/auth/scopes.js';
import { locationOf, parseLocation, regionOf } from '../../src/aws/location.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const noFile = (path: string): string => {
  throw Object.assign(new Error(`no ${path}`), { code: 'ENOENT' });
};
const role = (id: string) => `arn:aws:iam::${id}:role/r`;
const parse = (value: unknown, readFile = noFile) =>
  parseAwsAccounts(typeof value === 'string' ? value : JSON.stringify(value), REGIONS, readFile);
const refused = (value: unknown, readFile = noFile) => {
  try {
    parse(value, readFile);
  } catch (error) {
    expect(error).toBeInstanceOf(AwsAccountsError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('AWS_ACCOUNTS (src/aws/accounts.ts)', () => {
  it('reads a file named after @ (trimmed), served regions in the gateway order, the id as the default name', () => {
    const read: string[] = [];
    const accounts = parse(`  @/etc/accounts.json  `, (path) => {
      read.push(path);
      return JSON.stringify([
        { accountId: '111111111111', roleArn: role('111111111111'), regions: ['eu-west-1', 'us-east-1'] },
      ]);
    });
    expect(read).toEqual(['/etc/accounts.json']);
    expect(accounts).toEqual([
      {
        accountId: '111111111111',
        roleArn: role('111111111111'),
        regions: ['us-east-1', 'eu-west-1'],
        name: '111111111111',
      },
    ]);
    expect(refused('@/etc/missing.json')).toBe('AWS_ACCOUNTS (/etc/missing.json) cannot be read: ENOENT.');
    expect(refused('@/etc/broken.json', () => '[')).toMatch(/^AWS_ACCOUNTS \(\/etc\/broken\.json\) is not JSON/);
  });

  it('accepts the partitions of AWS and up to MAX_ACCOUNTS accounts', () => {
    const many = Array.from({ length: MAX_ACCOUNTS }, (_, index) => {
      const id = String(100_000_000_000 + index);
      return { accountId: id, roleArn: `arn:aws-us-gov:iam::${id}:role/path/to/r` };
    });
    expect(parse(many)).toHaveLength(MAX_ACCOUNTS);
    const one = {
      accountId: String(100_000_000_000 + MAX_ACCOUNTS),
      roleArn: role(String(100_000_000_000 + MAX_ACCOUNTS)),
    };
    expect(refused([...many, one])).toBe(
      `AWS_ACCOUNTS lists ${MAX_ACCOUNTS + 1} accounts; at most ${MAX_ACCOUNTS} are served by one gateway.`,
    );
    expect(
      parse([{ accountId: '111111111111', roleArn: 'arn:aws-cn:iam::111111111111:role/r', name: 'a b.c@d-e_f' }])[0]
        ?.name,
    ).toBe('a b.c@d-e_f');
  });

  it.each([
    ['a list', {}, 'AWS_ACCOUNTS must be a non-empty JSON list of { accountId, roleArn, ... }.'],
    [
      'an object, not null',
      [null],
      'AWS_ACCOUNTS[0] must be an object { accountId, roleArn, externalId?, regions?, name? }.',
    ],
    [
      'an object, not a list',
      [[]],
      'AWS_ACCOUNTS[0] must be an object { accountId, roleArn, externalId?, regions?, name? }.',
    ],
    [
      'an object, not text',
      ['111111111111'],
      'AWS_ACCOUNTS[0] must be an object { accountId, roleArn, externalId?, regions?, name? }.',
    ],
    [
      'known fields',
      [{ accountId: '111111111111', roleArn: role('111111111111'), region: 'x' }],
      'AWS_ACCOUNTS[0] has "region", which is not one of accountId, roleArn, externalId, regions, name.',
    ],
    [
      '12 digits, not more',
      [{ accountId: '1111111111112', roleArn: role('111111111111') }],
      'AWS_ACCOUNTS[0].accountId must be a 12-digit AWS account id.',
    ],
    [
      '12 digits, not less',
      [{ accountId: 'x111111111111', roleArn: role('111111111111') }],
      'AWS_ACCOUNTS[0].accountId must be a 12-digit AWS account id.',
    ],
    [
      'an id as text',
      [{ accountId: 111111111111, roleArn: role('111111111111') }],
      'AWS_ACCOUNTS[0].accountId must be a 12-digit AWS account id.',
    ],
    ['a role', [{ accountId: '111111111111' }], 'AWS_ACCOUNTS[0].roleArn is required: the role to assume.'],
    [
      'a role ARN, nothing before',
      [{ accountId: '111111111111', roleArn: `x${role('111111111111')}` }],
      `AWS_ACCOUNTS[0].roleArn "x${role('111111111111')}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`,
    ],
    [
      'a role ARN, nothing after',
      [{ accountId: '111111111111', roleArn: `${role('111111111111')} ` }],
      `AWS_ACCOUNTS[0].roleArn "${role('111111111111')} " is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`,
    ],
    [
      'an ExternalId as text',
      [{ accountId: '111111111111', roleArn: role('111111111111'), externalId: 12 }],
      'AWS_ACCOUNTS[0].externalId must be 2 to 1224 of the characters STS accepts (letters, digits, +=,.@:/-_).',
    ],
    [
      'an ExternalId of STS characters only',
      [{ accountId: '111111111111', roleArn: role('111111111111'), externalId: 'ok but spaced' }],
      'AWS_ACCOUNTS[0].externalId must be 2 to 1224 of the characters STS accepts (letters, digits, +=,.@:/-_).',
    ],
    [
      'an ExternalId ending well',
      [{ accountId: '111111111111', roleArn: role('111111111111'), externalId: 'secret\n' }],
      'AWS_ACCOUNTS[0].externalId must be 2 to 1224 of the characters STS accepts (letters, digits, +=,.@:/-_).',
    ],
    [
      'a name as text',
      [{ accountId: '111111111111', roleArn: role('111111111111'), name: 7 }],
      'AWS_ACCOUNTS[0].name must be 1 to 64 letters, digits, spaces or ._@-.',
    ],
    [
      'a name of those characters, from its start',
      [{ accountId: '111111111111', roleArn: role('111111111111'), name: '!prod' }],
      'AWS_ACCOUNTS[0].name must be 1 to 64 letters, digits, spaces or ._@-.',
    ],
    [
      'a name of those characters, to its end',
      [{ accountId: '111111111111', roleArn: role('111111111111'), name: 'prod!' }],
      'AWS_ACCOUNTS[0].name must be 1 to 64 letters, digits, spaces or ._@-.',
    ],
    [
      'regions as a list',
      [{ accountId: '111111111111', roleArn: role('111111111111'), regions: 'us-east-1' }],
      'AWS_ACCOUNTS[0].regions must be a non-empty list of region names.',
    ],
    [
      'some regions',
      [{ accountId: '111111111111', roleArn: role('111111111111'), regions: [] }],
      'AWS_ACCOUNTS[0].regions must be a non-empty list of region names.',
    ],
    [
      'region names as text',
      [{ accountId: '111111111111', roleArn: role('111111111111'), regions: ['us-east-1', 5] }],
      'AWS_ACCOUNTS[0].regions must be a non-empty list of region names.',
    ],
    [
      'served regions',
      [{ accountId: '111111111111', roleArn: role('111111111111'), regions: ['us-east-1', 'ap-south-1'] }],
      'AWS_ACCOUNTS[0].regions holds "ap-south-1", which this gateway does not serve (ELASTICACHE_REGIONS: us-east-1, eu-west-1).',
    ],
    [
      'distinct names',
      [
        { accountId: '111111111111', roleArn: role('111111111111'), name: 'prod' },
        { accountId: '222222222222', roleArn: role('222222222222'), name: 'prod' },
      ],
      'AWS_ACCOUNTS[1].name "prod" is already that of AWS_ACCOUNTS[0].',
    ],
  ])('wants %s', (_what, value, message) => {
    expect(refused(value)).toBe(message);
  });

  it("takes a name equal to another account's id: names and ids are told apart", () => {
    expect(
      parse([
        { accountId: '111111111111', roleArn: role('111111111111'), name: '222222222222' },
        { accountId: '222222222222', roleArn: role('222222222222'), name: 'payments' },
      ]).map((account) => account.name),
    ).toEqual(['222222222222', 'payments']);
  });
});

describe('scopes narrowed to an account (src/auth/scopes.ts)', () => {
  it('grants a scope somewhere only for the plain scope or one narrowed to a 12-digit account', () => {
    expect(accountScope(SCOPES.read, '111111111111')).toBe('elasticache:read:111111111111');
    expect(grantsAnywhere(new Set(['elasticache:read:111111111111']), SCOPES.read)).toBe(true);
    for (const held of [
      'elasticache:read:x111111111111',
      'elasticache:read:1111111111112',
      'elasticache:read:11111111111',
      'elasticache:readx:111111111111',
      'elasticache:migrate:111111111111',
    ])
      expect(grantsAnywhere(new Set([held]), SCOPES.read)).toBe(false);
  });

  it("grants in an account the plain scope or that account's own; without AWS_ACCOUNTS only the plain one", () => {
    const narrowed = new Set(['elasticache:read:111111111111']);
    expect(grantsIn(narrowed, SCOPES.read, '111111111111')).toBe(true);
    expect(grantsIn(narrowed, SCOPES.read, '222222222222')).toBe(false);
    expect(grantsIn(narrowed, SCOPES.migrate, '111111111111')).toBe(false);
    expect(grantsIn(new Set(['elasticache:read:null']), SCOPES.read, null)).toBe(false);
    expect(grantsIn(new Set(['elasticache:read']), SCOPES.read, null)).toBe(true);
  });
});

describe('locations (src/aws/location.ts)', () => {
  it('write an account before its region, and a bare region without one', () => {
    expect(locationOf('111111111111', 'eu-west-1')).toBe('111111111111:eu-west-1');
    expect(locationOf(null, 'eu-west-1')).toBe('eu-west-1');
    expect(parseLocation('111111111111:eu-west-1')).toEqual({ accountId: '111111111111', region: 'eu-west-1' });
    expect(parseLocation('eu-west-1')).toEqual({ accountId: null, region: 'eu-west-1' });
    expect(regionOf('111111111111:eu-west-1')).toBe('eu-west-1');
  });
});
