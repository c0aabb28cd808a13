import {
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** The emulator as `npm run emulator` runs it; ended when the test ends, whatever its outcome. */
function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/local/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

describe('npm run emulator (src/local/cli.ts)', () => {
  it('serves the endpoint standalone and stops on SIGTERM', async () => {
    const child = runCli([
      '--port',
      '0',
      '--seed',
      'none',
      '--region',
      'eu-central-1',
      '--accounts',
      '111111111111',
      '--quiet',
    ]);
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url =
      /listening on (http:\/\/\S+) \(region eu-central-1, accounts 000000000000, 111111111111, seed none\)/.exec(
        line,
      )?.[1];
    expect(url).toBeDefined();
    const sdk = new ElastiCacheClient({
      endpoint: url,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      expect((await sdk.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []).toEqual([]);
    } finally {
      sdk.destroy();
    }
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 30_000);

  it('adds a quiet fleet of groups with --fleet: 2 nodes each, created 30 days ago, no recent events', async () => {
    const child = runCli(['--port', '0', '--seed', 'none', '--fleet', '120', '--quiet']);
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url = /listening on (http:\/\/\S+) /.exec(line)?.[1];
    const sdk = new ElastiCacheClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const first = await sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 100 }));
      const rest = await sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 100, Marker: first.Marker }));
      const groups = [...(first.ReplicationGroups ?? []), ...(rest.ReplicationGroups ?? [])];
      expect(groups.map((group) => group.ReplicationGroupId)).toEqual(
        Array.from({ length: 120 }, (_, index) => `fleet-${String(index).padStart(3, '0')}`),
      );
      expect(groups.every((group) => group.MemberClusters?.length === 2)).toBe(true);
      const created = groups[0]?.ReplicationGroupCreateTime?.getTime() ?? 0;
      expect(Date.now() - created).toBeGreaterThan(29 * 24 * 3_600_000);
      const events = await sdk.send(new DescribeEventsCommand({ SourceType: 'replication-group', Duration: 20_160 }));
      expect(events.Events ?? []).toEqual([]);
    } finally {
      sdk.destroy();
    }
    child.kill('SIGTERM');
    await once(child, 'exit');
  }, 30_000);

  it.each([
    [['--port', 'x'], '--port must be 0 to 65535'],
    [['--seed', 'lots'], '--seed must be demo or none'],
    [['--fleet', 'many'], '--fleet must be 0 to 10000'],
    [['--allow', '10.0.0.0/33'], '"10.0.0.0/33" is not a CIDR block'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--accounts', '111111111111,12345'], 'account ids are 12 digits; "12345" is not one'],
  ])(
    'refuses %j with a message and exit code 2',
    async (args, message) => {
      const child = runCli(args);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr).toContain('Usage: npm run emulator');
    },
    30_000,
  );
});
