import { Kind, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_TABS, TEST_MIGRATION_EXAMPLE } from '../../src/graphiql/examples.js';
import { schema } from '../../src/schema/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const operations = EXAMPLE_TABS.flatMap((tab) =>
  parse(tab.query).definitions.map((definition) => ({ tab, operation: definition as OperationDefinitionNode })),
);

describe('GraphiQL example tabs', () => {
  it('are valid against the schema', () => {
    for (const tab of EXAMPLE_TABS) expect(validate(schema, parse(tab.query)), tab.query).toEqual([]);
  });

  it('hold only named operations, so GraphiQL can title the tabs and pick one to run', () => {
    for (const { operation } of operations) {
      expect(operation.kind).toBe(Kind.OPERATION_DEFINITION);
      expect(operation.name?.value, print(operation)).toBeTruthy();
    }
    const names = operations.map(({ operation }) => operation.name?.value);
    expect(new Set(names).size).toBe(names.length);
  });

  it('open on a testMigration of the demo group from the Redis on 127.0.0.1:6379', () => {
    expect(EXAMPLE_TABS[0]?.query).toBe(TEST_MIGRATION_EXAMPLE);
    expect(TEST_MIGRATION_EXAMPLE).toMatch(/testMigration\(input: \{\s+replicationGroupId: "orders-cache"/);
    expect(TEST_MIGRATION_EXAMPLE).toContain('{ address: "127.0.0.1", port: 6379 }');
  });
});

describe('GraphiQL example queries and mutations against the local endpoint', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  // First, on the untouched demo group, as a newcomer opening GraphiQL would run it.
  it('the prefilled testMigration succeeds', async () => {
    const result = await gateway.execute(parse(TEST_MIGRATION_EXAMPLE));
    expect(result.data).toMatchObject({
      testMigration: { __typename: 'TestMigrationSuccess', replicationGroup: { replicationGroupId: 'orders-cache' } },
    });
  });

  // Then every operation in tab order; subscriptions are run by the browser test.
  const runnable = operations.filter(({ operation }) => operation.operation !== 'subscription');

  it.each(runnable.map((entry) => [entry.operation.name?.value ?? '', entry] as const))(
    '%s runs as is',
    async (_name, { tab, operation }) => {
      const variables = tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : undefined;
      const result = await gateway.execute({ kind: Kind.DOCUMENT, definitions: [operation] }, variables);
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
      const fields = Object.values(result.data ?? {});
      expect(fields).toHaveLength(1);
      expect(fields[0]).not.toBeNull();
    },
  );
});
