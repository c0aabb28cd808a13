import {
  DescribeReplicationGroupsCommand,
  ReplicationGroupNotFoundFault,
  TestMigrationCommand,
} from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { faultName, operationName, operationOf } from '../../src/rules/sdk-names.js';

// A subclass with another name, as a bundler makes of a class whose name collides.
class RenamedCommand2 extends DescribeReplicationGroupsCommand {}

describe("the SDK's names of commands and faults", () => {
  it("reads a command's operation from its schema, whatever its class is called", () => {
    expect(operationName(new DescribeReplicationGroupsCommand({}))).toBe('DescribeReplicationGroups');
    expect(operationName(new RenamedCommand2({}))).toBe('DescribeReplicationGroups');
    expect(operationOf(TestMigrationCommand)).toBe('TestMigration');
    expect(() => operationName({ schema: 'nope' })).toThrow(/not an AWS SDK command/);
    expect(() => operationName({})).toThrow(/not an AWS SDK command/);
  });

  it("reads a fault's name as the SDK sets it", () => {
    class Renamed extends ReplicationGroupNotFoundFault {}
    expect(faultName(Renamed)).toBe('ReplicationGroupNotFoundFault');
  });
});
