import { isIP } from 'node:net';
import { isHostAddress } from '../host-address.js';
import { eventTexts, type SourceEndpoint } from '../rules/event-texts.js';
import { checkMigrationPrerequisites, migrationTarget, type MigrationTarget } from '../preflight/prerequisites.js';
import type { Operation, OperationContext } from './operation-context.js';
import { faults } from './query-errors.js';
import { findGroup, groupResult } from './replication-group-operations.js';
import { setStatus, type StoredGroup } from './state.js';

/**
 * Online migration, following the AWS guide: TestMigration answers at once and tests for real in
 * the background; StartMigration goes available -> modifying -> migrating once every shard
 * primary (a real redis-server, live-migrations.ts) replicates from the source, or back to
 * available when the source fails the checks or the link cannot be made; CompleteMigration
 * promotes the primaries when they are in sync (or with Force) and returns the group to
 * available. Outcomes are recorded as replication-group events (src/rules/event-texts.ts).
 */

const DEFAULT_SOURCE_PORT = 6379;

const completing = new WeakSet<StoredGroup>();

export const testMigration: Operation = (context) => {
  const stored = migratableGroup(context);
  const source = readSource(context);
  const id = stored.group.ReplicationGroupId ?? '';
  const target = targetOf(context, stored);
  context.region.recordEvent(id, eventTexts.testMigrationStarted(id, source));
  context.work.run(async () => {
    const result = await checkSource(context, source, target);
    if (context.work.closed) return;
    context.region.recordEvent(
      id,
      result.ok
        ? eventTexts.testMigrationSucceeded(id, source)
        : eventTexts.testMigrationFailed(
            id,
            source,
            result.problems.map((p) => p.message),
          ),
    );
  });
  return groupResult(stored);
};

export const startMigration: Operation = (context) => {
  const stored = migratableGroup(context);
  const source = readSource(context);
  const id = stored.group.ReplicationGroupId ?? '';
  // Places for the target's processes, or NodeQuotaForCustomerExceeded now, before any change.
  const release = context.live.reserve(stored);
  // The target as the request found it (available), before this request changes it.
  const target = targetOf(context, stored);
  setStatus(stored, 'modifying');
  context.region.recordEvent(id, eventTexts.migrationStarting(id, source));
  // AWS: a primary that cannot become a replica "eventually promotes itself back", and the group
  // becomes available again with a failure event.
  const fail = (causes: readonly string[]) => {
    stored.migrationSource = undefined;
    setStatus(stored, 'available');
    context.region.recordEvent(id, eventTexts.migrationFailed(id, causes));
  };
  context.work.run(async () => {
    try {
      const result = await checkSource(context, source, target);
      if (!(await context.work.sleep(context.migration.transitionMs))) return;
      // As with AWS, a snapshot the target cannot read is found out only once it arrives.
      const unreadable = result.problems.some((p) => p.requirement === 'SOURCE_VERSION_NEWER_THAN_TARGET');
      const problems = result.problems.filter((p) => p.requirement !== 'SOURCE_VERSION_NEWER_THAN_TARGET');
      if (problems.length > 0 || result.sourceIp === null) return fail(problems.map((p) => p.message));
      // Each shard primary becomes a replica of the source: real data moves from here on.
      const started = await context.live.start(stored, { ip: result.sourceIp, port: source.port }, release);
      if (context.work.closed) return;
      if (!started.ok) return fail([started.cause]);
      stored.migrationSource = source;
      setStatus(stored, 'migrating');
      context.region.recordEvent(id, eventTexts.migrationInProgress(id, source));
      if (unreadable) {
        await context.live.rejectSnapshot(stored);
        if (context.work.closed) return;
        stored.migrationSource = undefined;
        setStatus(stored, 'available');
        context.region.recordEvent(id, eventTexts.migrationFailedInvalidRdb(id));
        return;
      }
      context.live.watch(stored, (cause) => fail([cause]));
    } finally {
      release();
    }
  });
  return groupResult(stored);
};

export const completeMigration: Operation = (context) => {
  const id = context.params.requiredString('ReplicationGroupId');
  const stored = findGroup(context, id);
  if (stored.group.Status !== 'migrating' || !stored.migrationSource) throw faults.notUnderMigration(id);
  if (completing.has(stored)) throw faults.invalidReplicationGroupState(id, 'migrating, completion in progress');
  const force = context.params.boolean('Force') ?? false;
  const groupId = stored.group.ReplicationGroupId ?? id;
  completing.add(stored);
  context.work.run(async () => {
    try {
      // The sync check: every shard's link up and nothing of the source's left to apply. Force
      // skips it, as AWS's Force "stops the migration without ensuring that data is in sync".
      if (!force) {
        const sync = await context.live.inSync(stored);
        if (!sync.ok) {
          context.region.recordEvent(groupId, eventTexts.completeMigrationFailed(groupId, sync.cause));
          return;
        }
      }
      // The cutover: each shard primary stops replicating and takes writes.
      await context.live.promote(stored);
      if (!(await context.work.sleep(context.migration.transitionMs))) return;
      stored.migrationSource = undefined;
      setStatus(stored, 'available');
      context.region.recordEvent(groupId, eventTexts.completeMigrationSucceeded(groupId));
    } finally {
      completing.delete(stored);
    }
  });
  return groupResult(stored);
};

/** The group as the checks see it: its nodes' memory is what this endpoint gives them (`--memory-scale`). */
function targetOf(context: OperationContext, stored: StoredGroup): MigrationTarget {
  return migrationTarget(stored.group, stored.clusters, context.live.memoryScale);
}

function checkSource(context: OperationContext, source: SourceEndpoint, target: MigrationTarget) {
  return checkMigrationPrerequisites(source, target, {
    timeoutMs: context.migration.checkTimeoutMs,
    allowlist: context.migration.allowlist,
  });
}

/** The checks AWS makes before TestMigration/StartMigration, in the order that gives the documented faults. */
function migratableGroup(context: OperationContext): StoredGroup {
  const id = context.params.requiredString('ReplicationGroupId');
  const stored = findGroup(context, id);
  if (stored.group.Status === 'migrating') throw faults.alreadyUnderMigration(id);
  if (stored.group.Status !== 'available')
    throw faults.invalidReplicationGroupState(id, stored.group.Status ?? 'unknown');
  return stored;
}

function readSource({ params, migration }: OperationContext): SourceEndpoint {
  const endpoints = params.structureList('CustomerNodeEndpointList');
  // Absent, the required parameter is missing; sent empty (`CustomerNodeEndpointList=`, as the
  // SDKs write []), it is a bad value, which AWS answers with InvalidParameterValue.
  if (endpoints.length === 0 && !params.has('CustomerNodeEndpointList'))
    throw faults.missingParameter('CustomerNodeEndpointList');
  const [endpoint] = endpoints;
  if (endpoints.length !== 1 || !endpoint) {
    throw faults.invalidParameterValue(
      `CustomerNodeEndpointList must contain exactly one element; it contains ${endpoints.length}.`,
    );
  }
  const address = endpoint.fields.Address;
  if (!address) throw faults.invalidParameterValue(`The parameter ${endpoint.path}.Address must be provided.`);
  if (!isHostAddress(address)) {
    throw faults.invalidParameterValue(
      `The parameter ${endpoint.path}.Address is not a valid host name or IP address: ${address}.`,
    );
  }
  if (isIP(address) && !migration.allowlist.allows(address)) {
    throw faults.invalidParameterValue(
      `The parameter ${endpoint.path}.Address ${address} is outside the networks this endpoint may connect to.`,
    );
  }
  const portText = endpoint.fields.Port;
  const port = portText === undefined ? DEFAULT_SOURCE_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw faults.invalidParameterValue(`The parameter ${endpoint.path}.Port must be between 1 and 65535: ${portText}.`);
  }
  return { address, port };
}
