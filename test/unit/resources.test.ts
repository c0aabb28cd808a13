import { describe, expect, it } from 'vitest';
import { locationKey } from '../../src/aws/location-key.js';
import { resourceReader, resourceRecord } from '../../src/aws/resources.js';
import { RESOURCE_KINDS } from '../../src/rules/resource-kinds.js';
import { answeringClients } from '../support/answering-clients.js';

const users = resourceReader(RESOURCE_KINDS.user);
const user = (id: string) => ({ UserId: id, ARN: `arn:aws:elasticache:us-east-1:123456789012:user:${id}` });

describe('the readers that follow from a resource kind (src/aws/resources.ts)', () => {
  it("records carry the location read in and the account of the ARN, else the location's; none without either", () => {
    expect(resourceRecord('eu-west-1', user('a'))).toMatchObject({ location: 'eu-west-1', accountId: '123456789012' });
    expect(resourceRecord('eu-west-1', { UserId: 'b' } as { UserId: string; ARN?: string })).toEqual({
      UserId: 'b',
      location: 'eu-west-1',
      accountId: null,
    });
    expect(resourceRecord('111111111111:eu-west-1', { UserId: 'c' } as { UserId: string; ARN?: string })).toEqual({
      UserId: 'c',
      location: '111111111111:eu-west-1',
      accountId: '111111111111',
    });
  });

  it("reads one by its id parameter, with the fixed input, and null for the kind's not-found fault", async () => {
    const { clients, calls } = answeringClients(['us-east-1'], (call) =>
      call.input.UserId === 'a' ? { Users: [user('a')] } : { Users: [] },
    );
    expect(await users.describe(clients, 'us-east-1', 'a')).toMatchObject({ UserId: 'a', location: 'us-east-1' });
    expect(calls.map((call) => [call.operation, call.input])).toEqual([['DescribeUsers', { UserId: 'a' }]]);
    const snapshots = resourceReader(RESOURCE_KINDS.snapshot);
    const answered = answeringClients(['us-east-1'], () => ({ Snapshots: [] }));
    await snapshots.describe(answered.clients, 'us-east-1', 's1');
    expect(answered.calls[0]?.input).toEqual({ ShowNodeGroupConfig: true, SnapshotName: 's1' });
  });

  it("pages with the kind's token and page-size members, and says where the next page is", async () => {
    const serverless = resourceReader(RESOURCE_KINDS.serverlessCache);
    const { clients, calls } = answeringClients(['us-east-1'], () => ({ ServerlessCaches: [], NextToken: 'n2' }));
    const page = await serverless.page(clients, 'us-east-1', 'n1', {}, 7, { Engine: 'valkey' });
    expect(page).toEqual({ items: [], next: 'n2' });
    expect(calls[0]?.input).toEqual({ Engine: 'valkey', MaxResults: 7, NextToken: 'n1' });
  });

  it('a batch of ids lists the region and stops at the page that holds them all', async () => {
    const { clients, calls } = answeringClients(['us-east-1'], (call) =>
      call.input.Marker === undefined
        ? { Users: [user('a'), user('b'), user('c')], Marker: 'page-2' }
        : { Users: [user('d')] },
    );
    const found = await users.read(clients, [locationKey('us-east-1', 'B'), locationKey('us-east-1', 'a')]);
    expect(found.map((record) => (record as { UserId?: string } | null)?.UserId)).toEqual(['b', 'a']);
    // Two ids of a kind an account holds few of: one listing, and not its second page.
    expect(calls.map((call) => call.input)).toEqual([{ MaxRecords: 100 }]);
  });
});
