import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribe } from '../support/sse.js';

type Pushed = { migrationProgress: { done: boolean; inSync: boolean; blockers: string[]; shards: unknown[] } };
const PROGRESS = parse(`subscription Progress($id: String!) {
  migrationProgress(replicationGroupId: $id) { done inSync blockers shards { phase } }
}`) as TypedDocumentNode<Pushed, { id: string }>;

/** migrationProgress for groups that do not migrate: one push that says so and the end, or NOT_FOUND. */
describe('the migrationProgress subscription of a group that does not migrate', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ migrationProgressIntervalMs: 100 });
  });
  afterAll(() => t.close());
  const progressReads = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups').length;

  it('pushes once that the migration is over, with the group’s status, and ends', async () => {
    t.endpoint.resetCalls();
    const progress = await subscribe(t.gateway, PROGRESS, { id: 'Orders-Cache' });
    try {
      const [pushed] = await progress.until(() => true);
      expect(pushed?.data?.migrationProgress).toEqual({
        done: true,
        inSync: false,
        blockers: ['the group no longer migrates (status available): the migration completed or failed'],
        shards: [],
      });
      await expect(progress.next(5_000)).rejects.toThrow('the subscription ended');
      expect(progressReads()).toBe(1);
    } finally {
      progress.close();
    }
  });

  it('ends with NOT_FOUND for a group that does not exist', async () => {
    const progress = await subscribe(t.gateway, PROGRESS, { id: 'no-such-group' });
    try {
      const result = await progress.next();
      expect(result.errors?.[0]?.message).toBe('Replication group no-such-group does not exist in us-east-1.');
      expect(result.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    } finally {
      progress.close();
    }
  });

  it('keeps polling after a failed read, and tells the log', async () => {
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'internal', times: 2 });
    t.endpoint.resetCalls();
    const progress = await subscribe(t.gateway, PROGRESS, { id: 'orders-cache' });
    try {
      const [pushed] = await progress.until(() => true);
      expect(pushed?.data?.migrationProgress.done).toBe(true);
      expect(progressReads()).toBeGreaterThanOrEqual(3);
      await waitUntil(
        () => t.logs.filter((line) => line['message'] === 'Migration progress poll failed').length >= 1,
        'the failed poll to be told',
      );
    } finally {
      progress.close();
      t.endpoint.faults.clear();
    }
  });
});
