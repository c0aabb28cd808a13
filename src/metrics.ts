import { toGraphQLError } from './graphql-errors.js';
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { FillLabelsFnParams } from '@envelop/prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TokenCheck } from './auth/token-verifier.js';
import type { SendInterceptor } from './aws/clients.js';
import { attemptsOf, callOutcome } from './aws/call-outcome.js';
import { parseLocation, type Location } from './aws/location.js';
import { UpstreamError, UpstreamErrorCode } from './errors.js';
import { refusal } from './http-guards.js';
import type { OperationLabels } from './observability/operation-labels.js';
import type { MigrationProgress } from './progress/progress-reader.js';
import type { ShardSyncProgress } from './progress/sync-progress.js';

export const METRICS_PATH = '/metrics';

export interface MetricsPluginOptions {
  /** METRICS_TOKEN: GET /metrics then needs it as a bearer token. */
  token: string | null;
  /** The operation names that become labels (others count as `other`). */
  operations: OperationLabels;
  graphqlPath: string;
}

/**
 * What the gateway reports at GET /metrics, in Prometheus text (prom-client): GraphQL requests by
 * operation and outcome (yoga's Prometheus plugin), GraphQL errors by `extensions.code`, every
 * AWS call by operation, account, region and outcome with its latency and retries (an interceptor on the
 * data layer's single path), how reads were answered (cache, shared, AWS), open subscriptions and
 * pollers, and the process's own metrics. One registry per gateway, so tests and replicas in one
 * process never mix.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #awsCalls: Histogram<'operation' | 'aws_account' | 'region' | 'outcome'>;
  readonly #awsRetries: Counter<'operation' | 'aws_account' | 'region'>;
  readonly #throttled: Counter<'operation' | 'aws_account' | 'region'>;
  readonly #reads: Counter<'answered_by'>;
  readonly #tokens: Counter<'check'>;
  readonly #responses: Counter<'event'>;
  readonly #pushes: Counter<'execution'>;
  readonly #executions: Counter<'engine'>;
  readonly #assumeRoles: Counter<'aws_account' | 'outcome'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.#awsCalls = new Histogram({
      name: 'elasticache_aws_call_duration_seconds',
      help: 'AWS calls made by the gateway, by operation, account (AWS_ACCOUNTS; empty without), region and outcome (ok, or the fault or UPSTREAM_* code), retries included',
      labelNames: ['operation', 'aws_account', 'region', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#awsRetries = new Counter({
      name: 'elasticache_aws_call_retries_total',
      help: "Retries the AWS SDK made, beyond each call's first attempt",
      labelNames: ['operation', 'aws_account', 'region'],
      registers,
    });
    this.#throttled = new Counter({
      name: 'elasticache_aws_call_throttled_total',
      help: 'AWS calls that ElastiCache still throttled after the retries',
      labelNames: ['operation', 'aws_account', 'region'],
      registers,
    });
    this.#reads = new Counter({
      name: 'elasticache_reads_total',
      help: 'AWS reads asked for, by what answered them: the read cache (cache), a read already in flight (shared), or a call (aws)',
      labelNames: ['answered_by'],
      registers,
    });
    this.#tokens = new Counter({
      name: 'elasticache_tokens_accepted_total',
      help: 'Bearer tokens accepted, by how: their signature checked (verified) or kept from an earlier check until they expire (kept)',
      labelNames: ['check'],
      registers,
    });
    this.#responses = new Counter({
      name: 'elasticache_response_cache_total',
      help: 'Whole query responses served from the response cache (hit) and kept in it (kept)',
      labelNames: ['event'],
      registers,
    });
    this.#pushes = new Counter({
      name: 'elasticache_subscription_pushes_total',
      help: 'Pushes to subscribers, by whether the selection was executed for them (own) or an identical subscription shared its result (shared)',
      labelNames: ['execution'],
      registers,
    });
    this.#executions = new Counter({
      name: 'graphql_executions_total',
      help: 'Query and mutation executions, by engine: compiled by graphql-jit (compiled) or graphql-js (graphql-js, for the documents graphql-jit would answer differently)',
      labelNames: ['engine'],
      registers,
    });
    this.#assumeRoles = new Counter({
      name: 'elasticache_assume_role_total',
      help: "STS AssumeRole calls for the accounts of AWS_ACCOUNTS, by account and outcome (ok, or STS's error code): one per account per credential lifetime when all is well",
      labelNames: ['aws_account', 'outcome'],
      registers,
    });
  }

  /** Open subscriptions and the groups this replica polls, read when scraped. */
  observeSubscriptions(watchers: { openSubscriptions: number; pollers: number }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'elasticache_subscriptions_open',
      help: 'Subscriptions open on this replica',
      registers,
      collect() {
        this.set(watchers.openSubscriptions);
      },
    });
    new Gauge({
      name: 'elasticache_pollers_active',
      help: 'Subscribed groups this replica polls (holds the lease of)',
      registers,
      collect() {
        this.set(watchers.pollers);
      },
    });
  }

  /**
   * Each migrating group this replica polls the progress of (a migrationProgress subscription
   * watches it), per shard: bytes behind and whether it is in sync, read when scraped.
   */
  observeMigrations(watchers: {
    polled(): { location: Location; replicationGroupId: string; progress: MigrationProgress }[];
  }): void {
    const registers = [this.registry];
    const labelNames = ['aws_account', 'region', 'replication_group', 'node_group'] as const;
    const each = (set: (labels: Record<(typeof labelNames)[number], string>, shard: ShardSyncProgress) => void) => {
      for (const { location, replicationGroupId, progress } of watchers.polled()) {
        const { accountId, region } = parseLocation(location);
        for (const shard of progress.shards)
          set(
            {
              aws_account: accountId ?? '',
              region,
              replication_group: replicationGroupId,
              node_group: shard.nodeGroupId,
            },
            shard,
          );
      }
    };
    new Gauge({
      name: 'elasticache_migration_bytes_behind',
      help: "Bytes of the source's writes a migrating shard has still to apply (while streaming)",
      labelNames,
      registers,
      collect() {
        this.reset();
        each((labels, shard) => {
          if (shard.bytesBehind !== null) this.set(labels, shard.bytesBehind);
        });
      },
    });
    new Gauge({
      name: 'elasticache_migration_in_sync',
      help: 'Whether a migrating shard is in sync with its source (1) or not (0)',
      labelNames,
      registers,
      collect() {
        this.reset();
        each((labels, shard) => this.set(labels, shard.inSync ? 1 : 0));
      },
    });
  }

  readonly onRead = (answeredBy: 'cache' | 'shared' | 'aws'): void => {
    this.#reads.inc({ answered_by: answeredBy });
  };

  readonly onResponseCache = (event: 'hit' | 'kept'): void => {
    this.#responses.inc({ event });
  };

  readonly onPush = (execution: 'own' | 'shared'): void => {
    this.#pushes.inc({ execution });
  };

  readonly onExecution = (engine: 'compiled' | 'graphql-js'): void => {
    this.#executions.inc({ engine });
  };

  readonly onAssumeRole = (outcome: { accountId: string; ok: boolean; stsCode?: string }): void => {
    this.#assumeRoles.inc({
      aws_account: outcome.accountId,
      outcome: outcome.ok ? 'ok' : (outcome.stsCode ?? 'error'),
    });
  };

  readonly onTokenAccepted = (check: TokenCheck): void => {
    this.#tokens.inc({ check });
  };

  /** Around every AWS call (ElastiCacheClients.send): its outcome, latency and retries. */
  readonly interceptor: SendInterceptor = async (call, proceed) => {
    const labels = { operation: call.operation, aws_account: call.accountId ?? '', region: call.region };
    const stop = this.#awsCalls.startTimer(labels);
    try {
      const answer = await proceed();
      const attempts = attemptsOf(answer);
      if (attempts > 1) this.#awsRetries.inc(labels, attempts - 1);
      stop({ outcome: 'ok' });
      return answer;
    } catch (error) {
      stop({ outcome: callOutcome(error) });
      if (error instanceof UpstreamError && error.code === UpstreamErrorCode.THROTTLED) this.#throttled.inc(labels);
      throw error;
    }
  };

  /**
   * GET /metrics (with `Authorization: Bearer <token>` when `token` is set), and the request and
   * error metrics of yoga's Prometheus plugin. Every label they carry takes few values whatever
   * callers send: operation names through `operations` (unknown ones count as `other`), the
   * path instead of the URL, error codes of our own shape.
   */
  plugins({ token, operations, graphqlPath }: MetricsPluginOptions): Plugin[] {
    const guard: Plugin = {
      onRequest({ url, request, endResponse, fetchAPI }) {
        if (url.pathname !== METRICS_PATH || token === null) return;
        if (request.headers.get('authorization') === `Bearer ${token}`) return;
        endResponse(refusal(fetchAPI, 401, 'UNAUTHENTICATED', 'GET /metrics needs the METRICS_TOKEN bearer token.'));
      },
    };
    const registry = this.registry;
    const operationLabels = (params: FillLabelsFnParams) => ({
      operationName: operations.labelOf(params.operationName),
      operationType: params.operationType ?? 'unknown',
    });
    const byOperation = ['operationName', 'operationType'] as const;
    return [
      guard,
      usePrometheus({
        registry,
        endpoint: METRICS_PATH,
        metrics: {
          // The plugin turns every metric on unless told otherwise; these add nothing the ones
          // below do not say, at a series per operation each.
          graphql_envelop_request_time_summary: false,
          graphql_envelop_phase_parse: false,
          graphql_envelop_phase_validate: false,
          graphql_envelop_phase_context: false,
          graphql_envelop_phase_subscribe: false,
          graphql_envelop_deprecated_field: false,
          graphql_envelop_request: createCounter({
            registry,
            counter: {
              name: 'graphql_envelop_request',
              help: 'GraphQL operations executed, by operation',
              labelNames: [...byOperation],
            },
            fillLabelsFn: operationLabels,
          }),
          graphql_envelop_request_duration: createHistogram({
            registry,
            histogram: {
              name: 'graphql_envelop_request_duration',
              help: 'Time spent on running the GraphQL operation from parse to execute',
              labelNames: [...byOperation],
            },
            fillLabelsFn: operationLabels,
          }),
          graphql_envelop_phase_execute: createHistogram({
            registry,
            histogram: {
              name: 'graphql_envelop_phase_execute',
              help: 'Time spent on running the GraphQL "execute" function',
              labelNames: [...byOperation],
            },
            fillLabelsFn: operationLabels,
          }),
          graphql_yoga_http_duration: createHistogram({
            registry,
            histogram: {
              name: 'graphql_yoga_http_duration',
              help: 'Time spent on HTTP connection',
              labelNames: [...byOperation, 'method', 'statusCode', 'url'],
            },
            fillLabelsFn: (params, { request, response }: { request: Request; response: Response }) => ({
              ...operationLabels(params),
              method: request.method,
              statusCode: response.status,
              // The path, not the URL: a query string is the caller's text.
              url: pathLabel(request.url, graphqlPath),
            }),
          }),
          graphql_envelop_error_result: createCounter({
            registry,
            counter: {
              name: 'graphql_errors_total',
              help: 'GraphQL errors in answers, by operation and extensions.code',
              labelNames: ['operationName', 'code'],
            },
            fillLabelsFn: (params) => ({
              operationName: operations.labelOf(params.operationName),
              code: codeOf(params.error),
            }),
          }),
        },
      }),
    ];
  }
}

/** The GraphQL path as it is; any other path as `other` (only the GraphQL path runs operations). */
function pathLabel(url: string, graphqlPath: string): string {
  return new URL(url, 'http://gateway').pathname === graphqlPath ? graphqlPath : 'other';
}

/** Read as properties: the error may come from another copy of graphql-js than ours (no `instanceof`). */
function codeOf(error: unknown): string {
  type Coded = { extensions?: { code?: unknown }; originalError?: Coded };
  const coded = error as Coded | null;
  const code =
    coded?.extensions?.code ??
    coded?.originalError?.extensions?.code ??
    toGraphQLError(coded?.originalError)?.extensions.code;
  if (typeof code !== 'string') return 'INTERNAL_SERVER_ERROR';
  // Codes are ours (UPPER_SNAKE, short); anything else is not a label value worth a series.
  return /^[A-Z][A-Z0-9_]{0,47}$/.test(code) ? code : 'OTHER';
}
