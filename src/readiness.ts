import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import type { ElastiCacheClients } from './aws/clients.js';
import type { Plugin } from 'graphql-yoga';
import { AccountUnavailableError, UpstreamError } from './errors.js';
import { locationOf } from './aws/location.js';
import { SETTINGS } from './settings.js';

/** Liveness (yoga's health check): the process answers. */
export const HEALTH_PATH = '/health';
export const READINESS_PATH = '/readiness';
/** How long one verdict is reused (READINESS_VERDICT_TTL_MS): probes every second or two cost AWS one call per region per this. */
export const DEFAULT_VERDICT_TTL_MS = SETTINGS.READINESS_VERDICT_TTL_MS.default;
/** A region whose checking account's role cannot be assumed: said, not counted against readiness. */
const ACCOUNT_UNAVAILABLE = 'ACCOUNT_UNAVAILABLE';

export interface ReadinessDependencies {
  clients: ElastiCacheClients;
  /** REDIS_URL: Redis is a dependency to report when configured (a PING). */
  redis?: { ping(): Promise<unknown> } | null;
  /** READINESS_VERDICT_TTL_MS (default DEFAULT_VERDICT_TTL_MS). */
  verdictTtlMs?: number;
}

export interface ReadinessVerdict {
  ready: boolean;
  /** `elasticache:<region>` and `redis`: `ok`, or why not. */
  dependencies: Record<string, string>;
}

/**
 * GET /readiness: ready only when the gateway can reach ElastiCache in every served region (the
 * cheapest read: DescribeReplicationGroups of one page of 20) and Redis when configured, and is
 * not draining. `/health` stays liveness: it says the process answers, nothing more.
 */
export class Readiness {
  #draining = false;
  #verdict: { at: number; value: Promise<ReadinessVerdict> } | null = null;

  constructor(private readonly dependencies: ReadinessDependencies) {}

  /** From SIGTERM on: unready, whatever the dependencies say, so load balancers stop sending. */
  startDraining(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  async check(): Promise<ReadinessVerdict> {
    if (this.#draining) return { ready: false, dependencies: { gateway: 'draining' } };
    const now = Date.now();
    if (!this.#verdict || now - this.#verdict.at > (this.dependencies.verdictTtlMs ?? DEFAULT_VERDICT_TTL_MS)) {
      this.#verdict = { at: now, value: this.#checkDependencies() };
    }
    return this.#verdict.value;
  }

  async #checkDependencies(): Promise<ReadinessVerdict> {
    const { clients, redis } = this.dependencies;
    const entries = await Promise.all([
      ...clients.regions.map(async (region): Promise<[string, string]> => {
        // In each region, as the first account that serves it (the default one, usually).
        const account = clients.accounts.find((served) => served.regions.includes(region));
        try {
          // Fresh: a cached answer would say nothing about reaching ElastiCache now.
          await clients.send(
            locationOf(account?.accountId ?? null, region),
            new DescribeReplicationGroupsCommand({ MaxRecords: 20 }),
            { fresh: true },
          );
          return [`elasticache:${region}`, 'ok'];
        } catch (error) {
          // An account whose role cannot be assumed is said, but keeps no replica out of service:
          // every replica would be out alike, and the other accounts are served.
          if (error instanceof AccountUnavailableError) return [`elasticache:${region}`, ACCOUNT_UNAVAILABLE];
          return [`elasticache:${region}`, error instanceof UpstreamError ? error.code : 'unreachable'];
        }
      }),
      ...(redis
        ? [
            redis.ping().then(
              (): [string, string] => ['redis', 'ok'],
              (): [string, string] => ['redis', 'unreachable'],
            ),
          ]
        : []),
    ]);
    return {
      ready: entries.every(([, state]) => state === 'ok' || state === ACCOUNT_UNAVAILABLE),
      dependencies: Object.fromEntries(entries),
    };
  }
}

/** Answers GET /readiness before anything else runs (no token needed: probes carry none). */
export function useReadiness(readiness: Readiness): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== READINESS_PATH) return;
      const verdict = await readiness.check();
      endResponse(
        new fetchAPI.Response(JSON.stringify({ status: verdict.ready ? 'ready' : 'unready', ...verdict }), {
          status: verdict.ready ? 200 : 503,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
