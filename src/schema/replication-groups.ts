import { partialFailuresOf } from '../resolvers/partial-failures.js';
import { LISTED_LOCATIONS, locationListArgs } from './location-args.js';
import { listReplicationGroups } from '../resolvers/replication-groups.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { forwardConnection, forwardPageArgs } from './forward-pages.js';
import { ClusterMode } from './enums.js';
import { ReplicationGroup } from './replication-group.js';

export const ReplicationGroupFilter = builder.inputType('ReplicationGroupFilter', {
  description:
    'Narrows a listing. DescribeReplicationGroups has no filters, so the gateway applies these to the records AWS returns: a filtered page may read several AWS pages.',
  fields: (t) => ({
    engine: t.string({ description: 'Only this engine: valkey or redis.' }),
    status: t.string({ description: 'Only this status, e.g. available or migrating.' }),
    clusterMode: t.field({ type: ClusterMode, description: 'Only this cluster mode.' }),
  }),
});

const ReplicationGroupConnection = forwardConnection(ReplicationGroup, 'ReplicationGroup', {
  connection: 'A page of replication groups.',
  edge: 'A replication group and the cursor to resume after it.',
});

builder.queryField('replicationGroups', (t) =>
  t.field({
    ...accessTo('Query', 'replicationGroups'),
    type: ReplicationGroupConnection,
    nullable: false,
    description: `Replication groups in pages of \`first\` (1 to 100, default 20), in ElastiCache order, ${LISTED_LOCATIONS}. Cursors are opaque; a cursor that is malformed or no longer valid gives a BAD_CURSOR error.`,
    args: {
      ...forwardPageArgs(t.arg),
      ...locationListArgs(t.arg),
      filter: t.arg({ type: ReplicationGroupFilter, description: 'Gateway-side filters.' }),
    },
    resolve: (_root, args, context, info) => listReplicationGroups(context, args, partialFailuresOf(context, info)),
  }),
);
