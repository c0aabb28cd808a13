import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BackgroundWork } from './background-work.js';
import { describeEvents } from './event-operations.js';
import { Faults, validateFaultRule, type FaultInjector } from './fault-injector.js';
import { completeMigration, startMigration, testMigration } from './migration-operations.js';
import { NetworkAllowlist } from './network-allowlist.js';
import type { Operation } from './operation-context.js';
import { QueryError, faults as queryFaults } from './query-errors.js';
import { QueryParams } from './query-params.js';
import {
  createReplicationGroup,
  deleteReplicationGroup,
  describeCacheClusters,
  describeReplicationGroups,
} from './replication-group-operations.js';
import { seedDemo } from './seed.js';
import { EndpointState } from './state.js';
import { errorXml, successXml } from './wire-xml.js';
import { isRegionName } from '../rules/region-name.js';

export interface LocalEndpointOptions {
  /** Default 0: a free port. The CLI defaults to 4566. */
  port?: number;
  host?: string;
  /** The region of unsigned requests, and the one the demo data goes into. */
  region?: string;
  seed?: 'demo' | 'none';
  accountId?: string;
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
  };
  log?: (line: string) => void;
}

export interface RecordedCall {
  action: string;
  region: string;
  params: Record<string, string>;
  at: Date;
}

export interface LocalEndpoint {
  readonly url: string;
  readonly region: string;
  readonly calls: readonly RecordedCall[];
  resetCalls(): void;
  readonly faults: FaultInjector;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const API_VERSION = '2015-02-02';
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_REGIONS = 32;
const LINGER_MS = 1_000;

const OPERATIONS: Record<string, Operation> = {
  CreateReplicationGroup: createReplicationGroup,
  DescribeReplicationGroups: describeReplicationGroups,
  DeleteReplicationGroup: deleteReplicationGroup,
  DescribeCacheClusters: describeCacheClusters,
  DescribeEvents: describeEvents,
  TestMigration: testMigration,
  StartMigration: startMigration,
  CompleteMigration: completeMigration,
};

// SigV4: `Credential=<key id>/<yyyymmdd>/<region>/elasticache/aws4_request`.
const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/elasticache\/aws4_request/;

/**
 * A local ElastiCache endpoint speaking the AWS Query protocol. Signatures are read for their
 * region but not verified. One endpoint serves every region, each with its own state.
 */
export async function startLocalEndpoint(options: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const defaultRegion = options.region ?? 'us-east-1';
  const log = options.log ?? (() => undefined);
  const state = new EndpointState(options.accountId ?? '000000000000');
  const faults = new Faults();
  const work = new BackgroundWork((error) => log(`background task failed: ${error instanceof Error ? error.message : String(error)}`));
  const migration = {
    checkTimeoutMs: options.migration?.checkTimeoutMs ?? 5_000,
    transitionMs: options.migration?.transitionMs ?? 1_000,
    allowlist: NetworkAllowlist.parse(options.migration?.allowlist ?? [...NetworkAllowlist.DEFAULT_CIDRS]),
  };
  const calls: RecordedCall[] = [];
  const maxRegions = options.maxRegions ?? DEFAULT_MAX_REGIONS;
  if ((options.seed ?? 'demo') === 'demo') seedDemo(state.region(defaultRegion));

  async function answerQuery(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const requestId = randomUUID();
    const query = new QueryParams(request.method === 'GET' ? (request.url ?? '').split('?').slice(1).join('?') : body);
    const action = query.string('Action') ?? '';
    const region = CREDENTIAL_SCOPE.exec(request.headers.authorization ?? '')?.[1] ?? defaultRegion;
    calls.push({ action, region, params: query.toRecord(), at: new Date() });

    try {
      // Every region gets its own state on first use: a signature scoped to a made-up region
      // must not create state without end.
      if (!isRegionName(region) || !state.canServe(region, maxRegions)) {
        throw new QueryError('SignatureDoesNotMatch', 403, `Credential should be scoped to a valid region, not '${region.slice(0, 40)}'.`);
      }
      const fault = faults.take(action);
      if (fault?.kind === 'drop') {
        request.socket.destroy();
        return;
      }
      if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 0));
      if (fault?.kind === 'throttling') throw queryFaults.throttling();
      if (fault?.kind === 'internal') throw queryFaults.internalFailure();
      if (fault?.kind === 'fault') {
        const status = fault.status ?? 400;
        throw new QueryError(fault.code ?? 'InternalFailure', status, fault.message ?? '', status >= 500 ? 'Receiver' : 'Sender');
      }

      if (!action) throw new QueryError('MissingAction', 400, 'The request must contain the parameter Action.');
      const operation = OPERATIONS[action];
      if (!operation) throw queryFaults.invalidAction(action);
      const version = query.string('Version');
      if (version === undefined) throw queryFaults.missingParameter('Version');
      if (version !== API_VERSION) {
        throw new QueryError('NoSuchVersion', 400, `The requested version (${version}) of service AmazonElastiCache does not exist.`);
      }
      const result = await operation({ params: query, region: state.region(region), work, migration });
      send(response, 200, requestId, successXml(action, result, requestId));
      log(`${action} ${region} 200`);
    } catch (error) {
      const queryError =
        error instanceof QueryError ? error : (log(`internal error in ${action}: ${String(error)}`), queryFaults.internalFailure());
      send(response, queryError.status, requestId, errorXml(queryError, requestId));
      log(`${action} ${region} ${queryError.status} ${queryError.code}`);
    }
  }

  function answerAdmin(request: IncomingMessage, response: ServerResponse, body: string): void {
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    const remote = request.socket.remoteAddress ?? '';
    if (!options.admin || !['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) {
      json(404, { error: 'not found' });
      return;
    }
    try {
      if (request.method === 'GET') return json(200, faults.list());
      if (request.method === 'DELETE') {
        const id = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get('id');
        if (id) faults.remove(id);
        else faults.clear();
        return json(200, faults.list());
      }
      if (request.method === 'POST') return json(201, { id: faults.inject(validateFaultRule(JSON.parse(body))) });
      json(405, { error: 'use GET, POST or DELETE' });
    } catch (error) {
      json(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const server = createServer((request, response) => {
    const tooLarge = () => {
      const requestId = randomUUID();
      // Answer at once and close: the rest of the body is not worth reading. Closing a socket
      // with unread input resets it, which can lose the answer, so input is discarded (never
      // kept) for a moment after the answer is out: a lingering close, as web servers do.
      response.setHeader('connection', 'close');
      send(response, 413, requestId, errorXml({ type: 'Sender', code: 'RequestEntityTooLarge', message: 'The request body is too large.' }, requestId));
      response.once('finish', () => {
        request.socket.end();
        setTimeout(() => request.destroy(), LINGER_MS).unref();
      });
    };
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (!response.headersSent) tooLarge();
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      try {
        route(request, response, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        const requestId = randomUUID();
        send(response, 400, requestId, errorXml({ type: 'Sender', code: 'MalformedRequest', message: 'The request could not be read.' }, requestId));
      }
    });
  });

  function route(request: IncomingMessage, response: ServerResponse, body: string): void {
    // Only the path and query matter; a target like `//` is no URL relative to anything.
    const target = request.url ?? '/';
    const path = target.split('?')[0] ?? '/';
    if (path === '/_local/faults') return answerAdmin(request, response, body);
    if (path !== '/' || (request.method !== 'POST' && request.method !== 'GET')) {
      const requestId = randomUUID();
      return send(response, 404, requestId, errorXml({ type: 'Sender', code: 'UnknownOperation', message: `No operation at ${request.method} ${path.slice(0, 200)}.` }, requestId));
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
    calls,
    resetCalls: () => calls.splice(0, calls.length),
    faults,
    settled: () => work.settled(),
    async close() {
      await work.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(response: ServerResponse, status: number, requestId: string, xml: string): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }).end(xml);
}
