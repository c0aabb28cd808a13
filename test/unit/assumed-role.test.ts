import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AssumedRole, REFRESH_BEFORE_MS, RETRY_AFTER_MS } from '../../src/aws/assumed-role.js';
import { AccountUnavailableError } from '../../src/errors.js';

const HOUR = 3_600_000;

/** A fake STS: each AssumeRole answers the next outcome (credentials for an hour, or an error). */
function fakeSts() {
  const outcomes: (Error | 'ok')[] = [];
  let issued = 0;
  const assume = vi.fn(async (): Promise<AwsCredentialIdentity> => {
    await Promise.resolve();
    const outcome = outcomes.shift() ?? 'ok';
    if (outcome instanceof Error) throw outcome;
    issued += 1;
    return {
      accessKeyId: `ASIA${issued}`,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(Date.now() + HOUR),
    };
  });
  return { assume, outcomes };
}

const stsError = (name: string) => Object.assign(new Error(`User is not authorized (${name})`), { name });

function role(assume: ReturnType<typeof fakeSts>['assume']) {
  const outcomes: unknown[] = [];
  const assumed = new AssumedRole({
    accountId: '111111111111',
    roleArn: 'arn:aws:iam::111111111111:role/r',
    source: async () => ({ accessKeyId: 'own', secretAccessKey: 'own' }),
    sts: { region: 'us-east-1', maxAttempts: 1, connectionTimeoutMs: 1_000, requestTimeoutMs: 1_000 },
    assume,
    onAssume: (outcome) => outcomes.push(outcome),
  });
  return { assumed, outcomes };
}

describe('the credentials of an assumed role (src/aws/assumed-role.ts)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-05T12:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('assumes once for many callers at once, and again only within the renewal margin of the expiry', async () => {
    const sts = fakeSts();
    const { assumed } = role(sts.assume);
    const first = await Promise.all([assumed.credentials(), assumed.credentials(), assumed.provider()]);
    expect(new Set(first.map((credentials) => credentials.accessKeyId))).toEqual(new Set(['ASIA1']));
    vi.setSystemTime(Date.now() + HOUR - REFRESH_BEFORE_MS - 1_000);
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA1');
    expect(sts.assume).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 2_000);
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA2');
    expect(sts.assume).toHaveBeenCalledTimes(2);
  });

  it('fails with ACCOUNT_UNAVAILABLE naming the STS code, and asks STS again only after a pause', async () => {
    const sts = fakeSts();
    sts.outcomes.push(stsError('AccessDenied'), stsError('AccessDenied'));
    const { assumed, outcomes } = role(sts.assume);
    const refused = await assumed.credentials().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AccountUnavailableError);
    expect(refused).toMatchObject({ accountId: '111111111111', stsCode: 'AccessDenied' });
    // STS's message (principals, roles) stays out of the error's own message.
    expect((refused as Error).message).not.toContain('not authorized');
    await expect(assumed.credentials()).rejects.toBe(refused);
    expect(sts.assume).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + RETRY_AFTER_MS + 1);
    await expect(assumed.credentials()).rejects.toMatchObject({ stsCode: 'AccessDenied' });
    vi.setSystemTime(Date.now() + RETRY_AFTER_MS + 1);
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA1');
    expect(sts.assume).toHaveBeenCalledTimes(3);
    expect(outcomes).toEqual([
      expect.objectContaining({ ok: false, stsCode: 'AccessDenied' }),
      expect.objectContaining({ ok: false, stsCode: 'AccessDenied' }),
      { accountId: '111111111111', ok: true },
    ]);
  });

  it('keeps serving credentials that are still valid when their renewal fails, until they expire', async () => {
    const sts = fakeSts();
    const { assumed } = role(sts.assume);
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA1');
    sts.outcomes.push(stsError('Throttling'), stsError('Throttling'));
    vi.setSystemTime(Date.now() + HOUR - 60_000);
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA1');
    // Within the pause, still the old ones, without asking STS.
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA1');
    expect(sts.assume).toHaveBeenCalledTimes(2);
    vi.setSystemTime(Date.now() + 61_000);
    await expect(assumed.credentials()).rejects.toMatchObject({ stsCode: 'Throttling' });
    // Expired credentials are never handed out, within the pause either.
    await expect(assumed.credentials()).rejects.toMatchObject({ stsCode: 'Throttling' });
    expect(sts.assume).toHaveBeenCalledTimes(3);
  });

  it('hands out credentials up to, not at, the instant they expire, and needs no one told of the outcome', async () => {
    const sts = fakeSts();
    const assumed = new AssumedRole({
      accountId: '111111111111',
      roleArn: 'arn:aws:iam::111111111111:role/r',
      source: async () => ({ accessKeyId: 'own', secretAccessKey: 'own' }),
      sts: { region: 'us-east-1', maxAttempts: 1, connectionTimeoutMs: 1_000, requestTimeoutMs: 1_000 },
      assume: sts.assume,
    });
    const first = await assumed.credentials();
    sts.outcomes.push(stsError('Throttling'), stsError('Throttling'));
    vi.setSystemTime((first.expiration?.getTime() ?? 0) - 1);
    expect((await assumed.credentials()).accessKeyId).toBe('ASIA1');
    vi.setSystemTime(first.expiration ?? 0);
    await expect(assumed.credentials()).rejects.toMatchObject({ stsCode: 'Throttling' });
    vi.setSystemTime(Date.now() + RETRY_AFTER_MS + 1);
    await expect(assumed.credentials()).rejects.toMatchObject({ stsCode: 'Throttling' });
    expect((await assumed.credentials().catch(() => null)) === null).toBe(true);

    // A renewal first tried at the instant of expiry, and refused: nothing valid to fall back on.
    const lateSts = fakeSts();
    const again = role(lateSts.assume).assumed;
    const held = await again.credentials();
    lateSts.outcomes.push(stsError('ExpiredToken'));
    vi.setSystemTime(held.expiration ?? 0);
    await expect(again.credentials()).rejects.toMatchObject({ stsCode: 'ExpiredToken' });
  });
});
