import { parseArgs } from 'node:util';
import { startLocalEndpoint } from './server.js';
import { isAccountId } from '../rules/account-ids.js';
import { DOCUMENTED_CREDENTIALS } from './signature.js';

/** `npm run emulator -- --port 4566 [--host 127.0.0.1] [--region us-east-1] [--seed demo|none] [--fleet N] [--admin]` */
const USAGE = `Usage: npm run emulator -- [options]

Runs the local ElastiCache endpoint (AWS Query protocol) on its own.

  --port <n>        port to listen on (default 4566; 0 picks a free one)
  --host <address>  address to listen on (default 127.0.0.1)
  --region <name>   the region of the demo data (default us-east-1)
  --seed demo|none  start with the demo replication groups, or empty (default demo)
  --fleet <n>       add n groups fleet-000... (2 nodes, created 30 days ago: no recent
                    events), a large quiet region for load tests (default 0)
  --admin           serve the fault-injection route /_local/faults to loopback clients
  --allow <cidrs>   comma-separated networks migration tests may connect to
                    (default: loopback and private ranges)
  --access-key-id <id>, --secret-access-key <secret>
                    the endpoint's own credentials: with the temporary ones its STS
                    issues, the only ones whose request signatures are accepted
                    (default test / test, as the README's AWS CLI examples use)
  --account <id>    the account of those credentials (default 000000000000)
  --accounts <ids>  comma-separated further accounts (12 digits each), each with its own
                    state (and the demo data): AssumeRole of any role
                    arn:aws:iam::<account>:role/<name> answers credentials acting in it
  --redis-server <path>  the redis-server program behind migration targets (default: on PATH)
  --max-backing-nodes <n>  redis-server processes running at once (default 16)
  --memory-scale <x>  a backing node's maxmemory as a share of its node type's (default 0.015625,
                    1/64; at least 64 MiB)
  --quiet           do not log each request
  --help            show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4566' },
        host: { type: 'string', default: '127.0.0.1' },
        region: { type: 'string', default: 'us-east-1' },
        seed: { type: 'string', default: 'demo' },
        fleet: { type: 'string', default: '0' },
        admin: { type: 'boolean', default: false },
        allow: { type: 'string' },
        'access-key-id': { type: 'string', default: DOCUMENTED_CREDENTIALS.accessKeyId },
        'secret-access-key': { type: 'string', default: DOCUMENTED_CREDENTIALS.secretAccessKey },
        account: { type: 'string', default: '000000000000' },
        accounts: { type: 'string', default: '' },
        'redis-server': { type: 'string', default: 'redis-server' },
        'max-backing-nodes': { type: 'string', default: '16' },
        'memory-scale': { type: 'string', default: String(1 / 64) },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be 0 to 65535, not "${values.port}"`);
  if (values.seed !== 'demo' && values.seed !== 'none') fail(`--seed must be demo or none, not "${values.seed}"`);
  const fleet = Number(values.fleet);
  if (!Number.isInteger(fleet) || fleet < 0 || fleet > 10_000)
    fail(`--fleet must be 0 to 10000, not "${values.fleet}"`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region))
    fail(`--region must be a region name like us-east-1, not "${values.region}"`);

  const maxNodes = Number(values['max-backing-nodes']);
  if (!Number.isInteger(maxNodes) || maxNodes < 0 || maxNodes > 1_000)
    fail(`--max-backing-nodes must be 0 to 1000, not "${values['max-backing-nodes']}"`);
  const memoryScale = Number(values['memory-scale']);
  if (!(memoryScale > 0 && memoryScale <= 1))
    fail(`--memory-scale must be above 0 and at most 1, not "${values['memory-scale']}"`);

  const accounts = values.accounts
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of [values.account, ...accounts])
    if (!isAccountId(id)) fail(`account ids are 12 digits; "${id.slice(0, 40)}" is not one`);

  const allowlist = values.allow
    ?.split(',')
    .map((cidr) => cidr.trim())
    .filter(Boolean);
  const endpoint = await startLocalEndpoint({
    port,
    host: values.host,
    region: values.region,
    seed: values.seed,
    fleet,
    admin: values.admin,
    credentials: { accessKeyId: values['access-key-id'], secretAccessKey: values['secret-access-key'] },
    accountId: values.account,
    accounts,
    backingNodes: { redisServer: values['redis-server'], maxNodes, memoryScale },
    ...(allowlist ? { migration: { allowlist } } : {}),
    log: values.quiet ? undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(
    `Local ElastiCache endpoint listening on ${endpoint.url} (region ${values.region}, accounts ${endpoint.accountIds.join(', ')}, seed ${values.seed}${values.admin ? ', admin on' : ''})\n`,
  );

  const stop = () => {
    endpoint.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
