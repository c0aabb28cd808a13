import { Kind, parse } from 'graphql';
import { EXAMPLE_TABS } from '../graphiql/examples.js';

/**
 * The operations of examples/operations (the documents the project's frontends and tests use;
 * test/observability/metrics-labels.test.ts checks this list against those files).
 */
export const EXAMPLE_OPERATION_NAMES: readonly string[] = [
  'CompleteMigration',
  'ConsoleGroup',
  'ConsoleGroupChanged',
  'ConsoleGroups',
  'ConsoleProgress',
  'MigrationPreflight',
  'MigrationState',
  'MigrationVerification',
  'RegionEvents',
  'ReplicationGroupChanged',
  'ReplicationGroupClusters',
  'ReplicationGroupEvents',
  'ReplicationGroupLive',
  'ReplicationGroupsDashboard',
  'ReplicationGroupsPage',
  'ReplicationGroupWithEvents',
  'StartMigration',
  'TestMigration',
];

/** What an operation name becomes in a metric label when the gateway does not know it. */
export const OTHER_OPERATION = 'other';
export const ANONYMOUS_OPERATION = 'Anonymous';
const MAX_LABEL_CHARS = 64;

/**
 * Operation names as metric labels, from a fixed set: every distinct label value is a time series
 * kept until the process ends, and an operation name is whatever the caller writes. A name is
 * kept only when the gateway knows it (the example operations, GraphiQL's tabs, the trusted
 * documents' operations); anything else counts as `other`, so no caller can grow the scrape.
 */
export class OperationLabels {
  readonly #known: ReadonlySet<string>;

  constructor(trustedDocuments: Iterable<string> = []) {
    const known = new Set(EXAMPLE_OPERATION_NAMES);
    for (const tab of EXAMPLE_TABS) for (const name of operationNamesOf(tab.query)) known.add(name);
    for (const document of trustedDocuments) for (const name of operationNamesOf(document)) known.add(name);
    this.#known = known;
  }

  labelOf(operationName: string | null | undefined): string {
    if (!operationName) return ANONYMOUS_OPERATION;
    return this.#known.has(operationName) ? operationName.slice(0, MAX_LABEL_CHARS) : OTHER_OPERATION;
  }
}

function operationNamesOf(document: string): string[] {
  try {
    return parse(document, { noLocation: true }).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
    );
  } catch {
    // A manifest document that does not parse never runs either: it names no operation.
    return [];
  }
}
