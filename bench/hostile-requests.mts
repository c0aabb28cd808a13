/**
 * Generated hostile HTTP requests for the soak: malformed JSON, wrong types, huge and unicode
 * strings, bad cursors, unknown fields, deep and wide documents, bad regions, addresses of every
 * shape, odd methods and headers. Seeded, so a run can be repeated exactly.
 *
 * Addresses are IP literals, `localhost` or names that cannot be valid hosts: nothing here makes
 * the gateway or the local endpoint resolve a name through DNS, and the soak runs both with
 * loopback-only allowlists, so a non-loopback address is refused before any connection.
 */

export interface HostileRequest {
  kind: string;
  method: string;
  /** Added to the gateway URL's path (e.g. `?query=...`), or empty. */
  search?: string;
  headers: Record<string, string>;
  body?: string;
}

/** mulberry32: small, fast, good enough to pick cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const UNICODE = [
  '🦄🔥💾',
  'ünïcødé',
  '\u202eevil\u202c',
  'a\u0000b',
  '\ufeffbom',
  'Z̸̢͎a̵l̶g̷o',
  '日本語のグループ',
  '\ud800',
  '\udfff\ud800',
  '\u2028\u2029',
  '%00%0a',
  "'; DROP TABLE groups; --",
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
];

const ADDRESSES: unknown[] = [
  '127.0.0.1',
  '127.0.0.2',
  '::1',
  '::ffff:127.0.0.1',
  'localhost',
  '10.0.0.1',
  '192.168.1.1',
  '172.16.0.1',
  '169.254.169.254',
  '203.0.113.7',
  '198.51.100.1',
  '0.0.0.0',
  '255.255.255.255',
  '224.0.0.1',
  '::',
  '::ffff:10.0.0.1',
  'fe80::1',
  'fe80::1%eth0',
  '2001:db8::1',
  '[::1]',
  '127.0.0.1:6379',
  'http://127.0.0.1:6379',
  'redis://127.0.0.1',
  '',
  ' ',
  '-leading-hyphen',
  'has space.local',
  'a'.repeat(300),
  `${'b'.repeat(64)}.invalid`,
  '999.999.999.999',
  '1.2.3',
  '::gggg',
  '🦄.local',
  '\u0000',
  42,
  true,
  null,
  ['127.0.0.1'],
  { address: '127.0.0.1' },
];

const PORTS: unknown[] = [6379, 1, 65535, 0, -1, 65536, 99_999_999_999, 1.5, '6379', null, 'abc', 2 ** 31, -(2 ** 31)];

const REGIONS: unknown[] = [
  '',
  ' ',
  'us-east-1 ',
  'US-EAST-1',
  'xx-fake-9',
  'eu-west-1',
  '../../../etc/passwd',
  'us-east-1\u0000',
  'r'.repeat(10_000),
  '🦄-east-1',
  5,
  true,
  ['us-east-1'],
];

const GROUP_IDS: unknown[] = [
  'orders-cache',
  'no-such-group',
  '',
  'UPPER',
  '-bad',
  'x'.repeat(41),
  'g'.repeat(100_000),
  1,
  null,
  { id: 'x' },
];

const CURSORS: unknown[] = [
  'garbage',
  '',
  Buffer.from('{"marker":"x"}').toString('base64'),
  Buffer.from('not json').toString('base64url'),
  'Y3Vyc29y'.repeat(5_000),
  '====',
  '%%%',
  123,
];

export function hostileRequests(seed: number): () => HostileRequest {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (below: number) => Math.floor(random() * below);
  const stringish = (): unknown =>
    pick([
      () => pick(UNICODE),
      () => pick(GROUP_IDS),
      () => 'u'.repeat(int(120_000)),
      () => pick(UNICODE).repeat(int(2_000)),
    ])();
  const json = (kind: string, payload: unknown, extra: Record<string, string> = {}): HostileRequest => ({
    kind,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra },
    body: JSON.stringify(payload),
  });
  const graphql = (kind: string, query: string, variables?: unknown) =>
    json(kind, variables === undefined ? { query } : { query, variables });

  const cases: (() => HostileRequest)[] = [
    // Malformed JSON and bodies that are JSON but not a GraphQL request.
    () => {
      const valid = JSON.stringify({ query: '{ replicationGroups { edges { cursor } } }' });
      const body = pick([
        valid.slice(0, int(valid.length)),
        '{',
        '',
        '[]',
        'null',
        '"a string"',
        '12',
        '{"query": {"a": 1}}',
        '{"query": "{ __typename }", "variables": "x"}',
        '{"query": "{ __typename }", "operationName": 5}',
        '{"query": "{ __typename }", "extensions": []}',
        '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]',
        '['.repeat(20_000) + ']'.repeat(20_000),
        `{"query": "${'{'.repeat(5_000)}"}`,
        '{"query": "{ __typename }"}'.repeat(100),
        Buffer.from(Array.from({ length: 512 }, () => int(256))).toString('latin1'),
        `{"query": "{ __typename }", "variables": {"n": ${'9'.repeat(5_000)}}}`,
      ]);
      return { kind: 'malformed-json', method: 'POST', headers: { 'content-type': 'application/json' }, body };
    },
    // Wrong types in variables.
    () =>
      graphql(
        'wrong-types',
        'query Page($first: Int, $after: String) { replicationGroups(first: $first, after: $after) { edges { cursor } } }',
        { first: pick(['abc', 1e100, -1, 2 ** 31, true, {}, [], 0, 101, 3.5, null]), after: pick(CURSORS) },
      ),
    () =>
      graphql('wrong-types', 'query One($id: String!) { replicationGroup(replicationGroupId: $id) { status } }', {
        id: pick([5, null, true, {}, ['orders-cache'], undefined]),
      }),
    // Huge and unicode strings where ids go.
    () =>
      graphql('huge-unicode', 'query One($id: String!) { replicationGroup(replicationGroupId: $id) { status } }', {
        id: stringish(),
      }),
    () =>
      graphql(
        'huge-unicode',
        `{ replicationGroup(replicationGroupId: ${JSON.stringify(String(stringish()).slice(0, 50_000))}) { status } }`,
      ),
    // Bad cursors.
    () =>
      graphql(
        'bad-cursor',
        'query Page($after: String) { replicationGroups(first: 5, after: $after) { edges { cursor } } }',
        {
          after: pick(CURSORS),
        },
      ),
    // Unknown fields, arguments, types and operations.
    () =>
      json(
        'unknown',
        pick([
          { query: '{ replicationGroups { nope } }' },
          { query: '{ nothingHere }' },
          { query: '{ replicationGroup(replicationGroupId: "orders-cache", bogus: 1) { status } }' },
          { query: '{ ... on NoSuchType { x } }' },
          { query: 'query A { __typename } query B { __typename }' },
          { query: 'query A { __typename }', operationName: 'Missing' },
          { query: 'subscription { nope }' },
          { query: 'fragment F on Query { ...F } { ...F }' },
          { query: '{ __schema { types { name } } }' },
          { query: '{ __typename @nonexistent }' },
        ]),
      ),
    // Deep and wide documents.
    () => {
      const depth = 10 + int(300);
      return graphql('deep', `{ ${'... on Query { '.repeat(depth)}__typename${' }'.repeat(depth)} }`);
    },
    () => {
      const depth = 5 + int(40);
      return graphql(
        'deep',
        `{ replicationGroups { edges { node { ${'nodeGroups { nodeGroupMembers { cacheCluster { replicationGroup { '.repeat(depth)} status ${'} } } } '.repeat(depth)} } } } }`,
      );
    },
    () => graphql('wide', `{ ${Array.from({ length: 50 + int(3_000) }, (_, i) => `a${i}: __typename`).join(' ')} }`),
    () => graphql('wide', `{ __typename ${'@include(if: true) '.repeat(20 + int(1_000))} }`),
    () =>
      graphql(
        'wide',
        `{ ${Array.from({ length: 20 + int(300) }, (_, i) => `g${i}: replicationGroups(first: 100) { edges { node { events { message } cacheClusters { cacheClusterId } } } }`).join(' ')} }`,
      ),
    // Bad regions.
    () =>
      graphql(
        'bad-region',
        'query One($region: String) { replicationGroup(replicationGroupId: "orders-cache", region: $region) { status } }',
        {
          region: pick(REGIONS),
        },
      ),
    // Addresses of every shape, where the gateway or ElastiCache would connect.
    () =>
      graphql(
        'address',
        `
          mutation Test($input: TestMigrationInput!) {
            testMigration(input: $input) {
              __typename
              ... on TestMigrationSuccess {
                replicationGroup {
                  status
                }
              }
            }
          }
        `,
        {
          input: {
            replicationGroupId: pick(['orders-cache', 'no-such-group', 'sessions-valkey']),
            customerNodeEndpointList: pick([
              [{ address: pick(ADDRESSES), port: pick(PORTS) }],
              [],
              [
                { address: '127.0.0.1', port: 6379 },
                { address: pick(ADDRESSES), port: 6379 },
              ],
              Array.from({ length: 200 }, () => ({ address: pick(ADDRESSES), port: pick(PORTS) })),
              null,
              'x',
            ]),
          },
        },
      ),
    () =>
      graphql(
        'address',
        'query Pre($input: MigrationPreflightInput!) { migrationPreflight(input: $input) { __typename } }',
        {
          input: {
            replicationGroupId: pick(['orders-cache', 'no-such-group']),
            customerNodeEndpointList: [{ address: pick(ADDRESSES), port: pick(PORTS) }],
          },
        },
      ),
    // Migrations of groups that do not exist (nothing real changes state).
    () =>
      graphql(
        'mutation',
        `mutation { ${pick(['startMigration', 'completeMigration'])}(input: { replicationGroupId: ${JSON.stringify(pick(['no-such-group', '', 'x'.repeat(200)]))} ${pick(['', ', customerNodeEndpointList: [{ address: "127.0.0.1", port: 1 }]', ', force: "yes"'])} }) { __typename } }`,
      ),
    // Methods, headers and query strings.
    () =>
      pick<() => HostileRequest>([
        () => ({
          kind: 'http',
          method: 'GET',
          search: `?query=${encodeURIComponent('mutation { startMigration(input: {replicationGroupId: "no-such-group"}) { __typename } }')}`,
          headers: {},
        }),
        () => ({ kind: 'http', method: 'GET', search: `?query=${'%'.repeat(int(3_000))}`, headers: {} }),
        () => ({
          kind: 'http',
          method: 'GET',
          search: `?query={__typename}&variables=${encodeURIComponent('{bad')}`,
          headers: {},
        }),
        () => ({
          kind: 'http',
          method: pick(['PUT', 'DELETE', 'PATCH']),
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        }),
        () => ({
          kind: 'http',
          method: 'POST',
          headers: {
            'content-type': pick([
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/json; charset=utf-16',
              '',
            ]),
          },
          body: 'query={__typename}',
        }),
        () => ({
          kind: 'http',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: pick(['image/png', 'text/event-stream', 'multipart/mixed', '*/*;q=abc']),
          },
          body: '{"query":"{ __typename }"}',
        }),
        () => ({
          kind: 'http',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: pick(['Bearer ', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', 'x'.repeat(8_000)]),
          },
          body: '{"query":"{ __typename }"}',
        }),
        () => ({
          kind: 'http',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(200_000)}` }),
        }),
      ])(),
  ];
  return () => pick(cases)();
}
