import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRegionName } from '../rules/region-name.js';
import { ADMIN_PATH, answerAdmin } from './admin-route.js';
import { BackgroundWork } from './background-work.js';
import { BackingNodes, type BackingNodeOptions } from './backing-nodes.js';
import { LiveMigrations } from './live-migrations.js';
import { Faults, playFault, type FaultInjector } from './fault-injector.js';
import { NetworkAllowlist } from '../preflight/network-allowlist.js';
import { operationFor } from './operations.js';
import { QueryError, faults as queryFaults } from './query-errors.js';
import { QueryParams } from './query-params.js';
import { seedDemo, seedFleet } from './seed.js';
import { DOCUMENTED_CREDENTIALS, verifySignature, type LocalCredentials } from './signature.js';
import { EndpointState } from './state.js';
import { parseRoleArn } from '../rules/account-ids.js';
import { checkStsVersion, LocalSts, STS_ACTIONS, STS_XMLNS, type DeclaredAccount } from './sts.js';
import { createTransport, sendXml } from './transport.js';
import { errorXml, successXml } from './wire-xml.js';

export interface LocalEndpointOptions {
  /** Default 0: a free port. The CLI defaults to 4566. */
  port?: number;
  host?: string;
  /** The region the demo data goes into, and the endpoint's default. */
  region?: string;
  seed?: 'demo' | 'none';
  /** Groups of a large, quiet region (`fleet-000`, ...), after the seed (seed.ts `seedFleet`). */
  fleet?: number;
  /** The regions that get the fleet, in every account (default: `region` alone). */
  fleetRegions?: readonly string[];
  /** The account of `credentials` (default 000000000000): the one requests signed with them act in. */
  accountId?: string;
  /**
   * Further accounts, each with its own state (and the demo data when seeded): reached with the
   * temporary credentials of AssumeRole of a role `arn:aws:iam::<account>:role/<any name>`
   * (sts.ts), given the ExternalId when the account names one.
   */
  accounts?: readonly (string | DeclaredAccount)[];
  /**
   * The endpoint's own credentials (default DOCUMENTED_CREDENTIALS, the README's `test`/`test`;
   * the gateway starts its built-in endpoint with random ones): with the temporary ones AssumeRole
   * issues, the only credentials whose signatures are accepted.
   */
  credentials?: LocalCredentials;
  /** Regions that may hold state (each is created on first use); further ones are refused. Default 32. */
  maxRegions?: number;
  /** Serve the fault-injection admin route /_local/faults (to loopback clients only). */
  admin?: boolean;
  migration?: {
    /** Bound of each connection test to a migration source. */
    checkTimeoutMs?: number;
    /** CIDR blocks migration sources may be in. */
    allowlist?: string[];
    /** Delay of each asynchronous status step. */
    transitionMs?: number;
    /** How long replication may take to start before StartMigration fails (default 10 s). */
    linkTimeoutMs?: number;
    /** How long a migration's link may stay down before the migration fails (default 10 s). */
    linkDownMs?: number;
  };
  /** The redis-server processes standing for migration targets' primaries (backing-nodes.ts). */
  backingNodes?: BackingNodeOptions;
  log?: (line: string) => void;
  /** Calls kept in `calls`, the newest; older ones are forgotten (default 5,000, about 1.6 MiB). */
  maxRecordedCalls?: number;
}

export interface RecordedCall {
  action: string;
  region: string;
  /** The account the call acted in (AssumeRole: the caller's). */
  accountId: string;
  params: Record<string, string>;
  at: Date;
  /** The x-amzn-RequestId it was answered with. */
  requestId: string;
}

export interface LocalEndpoint {
  readonly url: string;
  readonly region: string;
  /** The endpoint's own account (its credentials'), then the declared ones. */
  readonly accountIds: readonly string[];
  /** The credentials whose signatures it accepts. */
  readonly credentials: LocalCredentials;
  /** The newest calls, oldest first (at most `maxRecordedCalls`): what tests and the bench count. */
  readonly calls: readonly RecordedCall[];
  resetCalls(): void;
  readonly faults: FaultInjector;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_MAX_REGIONS = 32;
const DEFAULT_MAX_RECORDED_CALLS = 5_000;

/**
 * A local ElastiCache endpoint speaking the AWS Query protocol: POST form bodies, each signed
 * with AWS Signature Version 4 by the credentials it was started with (verified, so that nobody
 * who merely reaches the port can act). One endpoint serves every region (the one a request's
 * signature is scoped to), each with its own state.
 */
export async function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const defaultRegion = options.region ?? 'us-east-1';
  const log = options.log ?? (() => undefined);
  const credentials = options.credentials ?? DOCUMENTED_CREDENTIALS;
  const sts = new LocalSts(
    { ...credentials, accountId: options.accountId ?? '000000000000' },
    (options.accounts ?? []).map((account) => (typeof account === 'string' ? { accountId: account } : account)),
  );
  const states = new Map(sts.accountIds.map((accountId) => [accountId, new EndpointState(accountId)]));
  const faults = new Faults();
  const work = new BackgroundWork((error) =>
    log(`background task failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  const migration = {
    checkTimeoutMs: options.migration?.checkTimeoutMs ?? 5_000,
    transitionMs: options.migration?.transitionMs ?? 1_000,
    allowlist: NetworkAllowlist.parse(options.migration?.allowlist ?? [...NetworkAllowlist.DEFAULT_CIDRS]),
  };
  const live = new LiveMigrations(new BackingNodes(options.backingNodes), {
    allowlist: migration.allowlist,
    connectTimeoutMs: migration.checkTimeoutMs,
    linkTimeoutMs: options.migration?.linkTimeoutMs ?? 10_000,
    linkDownMs: options.migration?.linkDownMs ?? 10_000,
    watchIntervalMs: Math.min(500, migration.transitionMs),
  });
  const calls: RecordedCall[] = [];
  const maxRecordedCalls = options.maxRecordedCalls ?? DEFAULT_MAX_RECORDED_CALLS;
  const maxRegions = options.maxRegions ?? DEFAULT_MAX_REGIONS;
  for (const state of states.values()) {
    if ((options.seed ?? 'demo') === 'demo') seedDemo(state.region(defaultRegion));
    for (const name of options.fleet ? (options.fleetRegions ?? [defaultRegion]) : [])
      seedFleet(state.region(name), options.fleet ?? 0);
  }

  async function answerQuery(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const requestId = randomUUID();
    const query = new QueryParams(body);
    const action = query.string('Action') ?? '';
    let signed;
    try {
      signed = await verifySignature(request, body, (keyId) => sts.identity(keyId));
    } catch (error) {
      const refused = error instanceof QueryError ? error : queryFaults.internalFailure();
      sendXml(response, refused.status, requestId, errorXml(refused, requestId));
      log(`${action.slice(0, 64)} refused ${refused.status} ${refused.code}`);
      return;
    }
    const { region, identity } = signed;
    const accountId = identity.accountId;
    // A long-running endpoint (npm start, soak runs) keeps only the newest calls.
    if (calls.length >= maxRecordedCalls) calls.splice(0, calls.length - maxRecordedCalls + 1);
    calls.push({ action, region, accountId, params: query.toRecord(), at: new Date(), requestId });

    if (signed.service === 'sts') {
      try {
        if (!STS_ACTIONS.has(action)) throw queryFaults.invalidAction(action.slice(0, 64));
        checkStsVersion(query);
        // A fault for an account's AssumeRole is that of the role's account, whoever asks.
        const roleAccount = parseRoleArn(query.string('RoleArn') ?? '')?.accountId ?? accountId;
        if ((await playFault(faults, action, action === 'AssumeRole' ? roleAccount : accountId)) === 'drop') {
          request.socket.destroy();
          return;
        }
        const result = action === 'AssumeRole' ? sts.assumeRole(query, identity) : sts.callerIdentity(identity);
        sendXml(response, 200, requestId, successXml(action, result, requestId, STS_XMLNS));
        log(`${action} ${accountId} 200`);
      } catch (error) {
        const stsError = error instanceof QueryError ? error : queryFaults.internalFailure();
        sendXml(response, stsError.status, requestId, errorXml(stsError, requestId, STS_XMLNS));
        log(`${action.slice(0, 64)} ${accountId} ${stsError.status} ${stsError.code}`);
      }
      return;
    }

    try {
      // Signatures name only the endpoint's accounts (sts.ts issues no others).
      const state = states.get(accountId);
      if (!state) throw queryFaults.internalFailure();
      // Every region gets its own state on first use: a signature scoped to a made-up region
      // must not create state without end.
      if (!isRegionName(region) || !state.canServe(region, maxRegions)) {
        throw new QueryError(
          'SignatureDoesNotMatch',
          403,
          `Credential should be scoped to a valid region, not '${region.slice(0, 40)}'.`,
        );
      }
      if ((await playFault(faults, action, accountId)) === 'drop') {
        request.socket.destroy();
        return;
      }
      const operation = operationFor(query);
      const result = await operation({ params: query, region: state.region(region), work, migration, live });
      sendXml(response, 200, requestId, successXml(action, result, requestId));
      log(`${action} ${region} 200`);
    } catch (error) {
      const queryError =
        error instanceof QueryError
          ? error
          : (log(`internal error in ${action}: ${String(error)}`), queryFaults.internalFailure());
      sendXml(response, queryError.status, requestId, errorXml(queryError, requestId));
      log(`${action} ${region} ${queryError.status} ${queryError.code}`);
    }
  }

  const server = createTransport(route, log);

  function route(request: IncomingMessage, response: ServerResponse, body: string): void {
    // Only the path and query matter; a target like `//` is no URL relative to anything.
    const target = request.url ?? '/';
    const path = target.split('?')[0] ?? '/';
    if (path === ADMIN_PATH) return answerAdmin(request, response, body, { enabled: options.admin ?? false, faults });
    const requestId = randomUUID();
    if (path !== '/' || request.method !== 'POST') {
      return sendXml(
        response,
        404,
        requestId,
        errorXml(
          {
            type: 'Sender',
            code: 'UnknownOperation',
            message: `No operation at ${request.method} ${path.slice(0, 200)}: operations are POSTed to /.`,
          },
          requestId,
        ),
      );
    }
    // The AWS Query protocol's body; the SDKs and the CLI send nothing else.
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return sendXml(
        response,
        415,
        requestId,
        errorXml(
          {
            type: 'Sender',
            code: 'UnsupportedMediaType',
            message: 'Operations are sent as application/x-www-form-urlencoded bodies.',
          },
          requestId,
        ),
      );
    }
    void answerQuery(request, response, body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    region: defaultRegion,
    accountIds: sts.accountIds,
    credentials,
    calls,
    resetCalls: () => calls.splice(0, calls.length),
    faults,
    settled: () => work.settled(),
    async close() {
      await work.close();
      await live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
