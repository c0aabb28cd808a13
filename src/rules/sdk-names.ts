/**
 * Names the AWS SDK gives its commands and faults, read from what the SDK sets rather than from
 * class names: a bundler renames classes whose names collide (`DescribeReplicationGroupsCommand2`),
 * and keeping every name (esbuild's keepNames) costs a property definition on every closure made.
 */

/** The AWS operation a command runs, e.g. DescribeReplicationGroups: the name in its operation schema. */
export function operationName(command: object): string {
  // The SDK's operation schema: [9, namespace, name, traits, input, output].
  const schema = (command as { schema?: unknown }).schema;
  const name = Array.isArray(schema) ? (schema as unknown[])[2] : undefined;
  if (typeof name !== 'string') throw new TypeError('not an AWS SDK command: it carries no operation schema');
  return name;
}

/** The operation of a command class, e.g. DescribeReplicationGroups for DescribeReplicationGroupsCommand. */
export function operationOf(Command: new (input: never) => object): string {
  return operationName(new Command({} as never));
}

/** A fault's name as the SDK reports it (its wire code's shape name), e.g. ReplicationGroupNotFoundFault. */
export function faultName(Fault: new (options: { message: string; $metadata: object }) => Error): string {
  return new Fault({ message: '', $metadata: {} }).name;
}
