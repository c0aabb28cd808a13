/**
 * The replication-group event texts of the local endpoint: a contract, since the gateway derives
 * migration phases from them. Where AWS documents or was seen to send a text, it is used as is
 * (StartMigration's start, CompleteMigration's success); AWS documents none for TestMigration, so
 * those follow the same style. Documented in src/local/README.md.
 */
export interface SourceEndpoint {
  address: string;
  port: number;
}

const at = ({ address, port }: SourceEndpoint) => `${address}:${port}`;

export const eventTexts = {
  replicationGroupCreating: (id: string) => `Creating replication group ${id}.`,
  replicationGroupCreated: (id: string) => `Replication group ${id} created.`,
  replicationGroupDeleting: (id: string) => `Deleting replication group ${id}.`,
  /** Cache-cluster events (SourceType cache-cluster), as ElastiCache writes them for a group's member clusters. */
  cacheClusterCreated: () => 'Cache cluster created',
  cacheClusterDeleted: () => 'Cache cluster deleted',
  testMigrationStarted: (id: string, source: SourceEndpoint) =>
    `Test migration started for replication group ${id} with source endpoint ${at(source)}.`,
  testMigrationSucceeded: (id: string, source: SourceEndpoint) =>
    `Test migration succeeded for replication group ${id} with source endpoint ${at(source)}.`,
  testMigrationFailed: (id: string, source: SourceEndpoint, causes: readonly string[]) =>
    `Test migration failed for replication group ${id} with source endpoint ${at(source)}: ${causes.join('; ')}.`,
  migrationStarting: (id: string, source: SourceEndpoint) =>
    `Starting migration operation for target cluster ${id} with source cluster endpoint ${source.address} and port ${source.port}`,
  migrationInProgress: (id: string, source: SourceEndpoint) =>
    `Migration operation in progress for replication group ${id}: replicating from ${at(source)}.`,
  migrationFailed: (id: string, causes: readonly string[]) =>
    `Migration operation failed for replication group ${id}: ${causes.join('; ')}.`,
  /** AWS's own text when the target cannot load the source's snapshot (seen in a public test, Redis OSS 7.4 into Valkey 8.2). */
  migrationFailedInvalidRdb: (id: string) =>
    `Migration operation failed for replication group ${id} because of invalid RDB received`,
  completeMigrationSucceeded: (id: string) => `Complete Migration successful for ${id}`,
  completeMigrationFailed: (id: string, cause: string) =>
    `Complete Migration failed for ${id}: data is not in sync with the source (${cause}). Retry, or use Force to stop the migration.`,
};
