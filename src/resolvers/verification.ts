import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { replicationGroupRecord } from '../aws/records.js';
import type { GatewayContext } from '../context.js';
import { InvalidInputError } from '../errors.js';
import type { Endpoint } from '../progress/sync-progress.js';
import { targetPrimaries } from '../progress/target-primaries.js';
import type { VerificationResult } from '../verification/verifier.js';
import { checkEndpoint, checkLocation, checkReplicationGroupId, type EndpointInput } from './arguments.js';
import { readProgress } from '../progress/read-progress.js';

export interface MigrationVerificationInput {
  replicationGroupId: string;
  account?: string | null;
  region?: string | null;
  source?: EndpointInput | null;
  sampleSize?: number | null;
  ttlToleranceSeconds?: number | null;
  maxSourceCommandsPerSecond?: number | null;
}

export const VERIFICATION_DEFAULTS = { sampleSize: 1_000, ttlToleranceSeconds: 5, maxSourceCommandsPerSecond: 1_000 };
const LIMITS = {
  sampleSize: [1, 100_000],
  ttlToleranceSeconds: [0, 86_400],
  maxSourceCommandsPerSecond: [1, 100_000],
} as const;

/** The target is there but its data cannot be read from where the gateway runs. */
export class MigrationTargetUnreachableError extends Error {
  override readonly name = 'MigrationTargetUnreachable';
  readonly code = 'MigrationTargetUnreachable';
}

/** The source cannot be read from where the gateway runs. */
export class MigrationSourceUnreachableError extends Error {
  override readonly name = 'MigrationSourceUnreachable';
  readonly code = 'MigrationSourceUnreachable';
}

/**
 * Samples the source's keys and compares them with the target's (src/verification): every input
 * checked first (a refusal names its field, with no connection made), the target's shard
 * primaries as ElastiCache describes them, the source given or (while the group migrates) what
 * its primaries replicate from. Reads only.
 */
export async function migrationVerification(
  context: GatewayContext,
  input: MigrationVerificationInput,
): Promise<VerificationResult> {
  const location = checkLocation('input', input, context);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  const settings = {
    sampleSize: bounded('sampleSize', input.sampleSize),
    ttlToleranceSeconds: bounded('ttlToleranceSeconds', input.ttlToleranceSeconds),
    maxSourceCommandsPerSecond: bounded('maxSourceCommandsPerSecond', input.maxSourceCommandsPerSecond),
  };
  if (input.source) checkEndpoint('input.source', input.source);
  // A missing group is the passed ReplicationGroupNotFoundFault: a typed result of the field.
  const output = await context.clients.send(
    location,
    new DescribeReplicationGroupsCommand({ ReplicationGroupId: input.replicationGroupId }),
    { signal: context.signal },
  );
  const group = replicationGroupRecord(location, output.ReplicationGroups?.[0] ?? {});
  const migrating = group.Status === 'migrating';
  const source = input.source ?? (migrating ? await migrationSource(context, group) : null);
  if (!source)
    throw new InvalidInputError(
      'input.source',
      `input.source is needed: ${input.replicationGroupId} is not migrating (status ${group.Status ?? 'unknown'}), so the gateway cannot tell its source.`,
    );
  const targets = await targetPrimaries(context.clients, group);
  // Loaded on first use: a gateway that never verifies carries no comparison code.
  const { verifyMigration } = await import('../verification/verifier.js');
  const { VerificationSideUnreachable } = await import('../verification/errors.js');
  try {
    return await verifyMigration(source, targets, {
      ...context.preflight,
      sampleSize: settings.sampleSize,
      ttlToleranceMs: settings.ttlToleranceSeconds * 1_000,
      maxSourceCommandsPerSecond: settings.maxSourceCommandsPerSecond,
      deadlineMs: context.verification.timeoutMs,
      migrating,
      signal: context.signal,
    });
  } catch (error) {
    if (!(error instanceof VerificationSideUnreachable)) throw error;
    if (error.side === 'target')
      throw new MigrationTargetUnreachableError(
        `The target of ${input.replicationGroupId} cannot be read: ${error.message}.`,
      );
    throw new MigrationSourceUnreachableError(
      `The source ${source.address}:${source.port} cannot be read: ${error.message}.`,
    );
  }
}

/** While the group migrates: what its shards replicate from (the first shard's source, or its start event). */
async function migrationSource(context: GatewayContext, group: ReturnType<typeof replicationGroupRecord>) {
  const progress = await readProgress(context, group);
  const known = progress.shards.find((shard) => shard.source.port > 0)?.source;
  return known ? ({ address: known.address, port: known.port } satisfies Endpoint) : null;
}

function bounded(name: keyof typeof LIMITS, value: number | null | undefined): number {
  const [min, max] = LIMITS[name];
  const field = `input.${name}`;
  const chosen = value ?? VERIFICATION_DEFAULTS[name];
  if (!Number.isInteger(chosen) || chosen < min || chosen > max)
    throw new InvalidInputError(field, `${field} must be an integer from ${min} to ${max}; it is ${chosen}.`);
  return chosen;
}
