import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolvers as graphqlScalars } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

/**
 * The naming rule for a company supergraph that federates several AWS services: a type name of
 * ours that is also a shape name in another AWS service model carries the `ElastiCache` prefix,
 * because that service's subgraph will meet ours under the same name with another shape.
 * The committed list is every shape name of botocore's service models (`npm run aws-shape-names`
 * makes it again from the machine's botocore).
 */
const shapeLines = gunzipSync(readFileSync(new URL('aws-shape-names.txt.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'));
const otherServicesByShape = new Map(
  shapeLines.map((line) => {
    const [shape = '', ...services] = line.split(' ');
    return [shape, services.filter((service) => service !== 'elasticache')];
  }),
);

/** The design's nouns: the product is about them, and other subgraphs extend them by key. */
const DESIGN_NOUNS = ['ReplicationGroup', 'NodeGroup', 'LogDeliveryConfiguration', 'AwsAccount'];
/** Names every GraphQL server shares by convention or specification. */
const STANDARD = [
  'Query',
  'Mutation',
  'Subscription',
  'PageInfo',
  // Relay's global object identification interface.
  'Node',
  'String',
  'Int',
  'Float',
  'Boolean',
  'ID',
  '_Any',
  '_Entity',
  '_Service',
  ...Object.keys(graphqlScalars),
];

/** The names given the ElastiCache prefix: each is a shape name elsewhere in AWS, or (InvalidInputError) a common error name. */
const RENAMED = [
  'Endpoint',
  'SourceType',
  'InvalidParameterValueException',
  'LogType',
  'NetworkType',
  'DestinationType',
  'SecurityGroupMembership',
  'ClusterMode',
  'LogFormat',
  'DataTieringStatus',
  'IpDiscovery',
  'ReshardingStatus',
  'SlotMigration',
  'StorageEncryptionType',
  'InvalidInputError',
];

describe('type names that compose with other AWS services in one supergraph', () => {
  it('checks against a real list: every botocore service model, ElastiCache among them', () => {
    expect(otherServicesByShape.size).toBeGreaterThan(50_000);
    expect(otherServicesByShape.get('Endpoint')).toEqual(expect.arrayContaining(['dax', 'docdb', 'dms', 'dynamodb']));
    expect(otherServicesByShape.get('ReplicationGroup')).toEqual([]);
  });

  it('no type name of ours, but the design nouns and the standard ones, is a shape name of another AWS service', () => {
    const clashes = Object.keys(schema.getTypeMap())
      .filter((name) => !name.startsWith('__') && !DESIGN_NOUNS.includes(name) && !STANDARD.includes(name))
      .filter((name) => (otherServicesByShape.get(name) ?? []).length > 0)
      .map((name) => `${name} (also in ${otherServicesByShape.get(name)?.join(', ')})`);
    expect(clashes).toEqual([]);
  });

  it('carries the ElastiCache prefix on each renamed type, and the old names are gone', () => {
    for (const name of RENAMED) {
      expect(schema.getType(name), name).toBeUndefined();
      expect(schema.getType(`ElastiCache${name}`), `ElastiCache${name}`).toBeDefined();
    }
  });
});
