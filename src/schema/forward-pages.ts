import { builder, type ArgBuilder } from './builder.js';

/*
 * Connections page forwards only (`first`, `after`): ElastiCache's listings have no way back.
 * Pothos's `t.connection` adds `last` and `before` too, so the connection fields here are plain
 * fields over a `builder.connectionObject` with these two arguments.
 */

export function forwardPageArgs(arg: ArgBuilder) {
  return {
    first: arg.int({ description: 'How many records to return, 1 to 100 (default 20).' }),
    after: arg.string({ description: 'Resume after the record with this cursor (an `endCursor` or edge `cursor`).' }),
  };
}

/**
 * A connection object (`<Name>Connection` with non-null edges and nodes, and `<Name>Edge`), for a
 * field with `forwardPageArgs`.
 */
export function forwardConnection<Type extends Parameters<typeof builder.connectionObject>[0]['type']>(
  type: Type,
  name: string,
  descriptions: { connection: string; edge: string },
) {
  return builder.connectionObject(
    {
      type,
      name: `${name}Connection`,
      description: descriptions.connection,
      edgesNullable: { list: false, items: false },
      nodeNullable: false,
    },
    { name: `${name}Edge`, description: descriptions.edge },
  );
}
