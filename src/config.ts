import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './document-limits.js';
import { isLogLevel, type LogLevel } from './logger.js';
import { isRegionName } from './rules/region-name.js';

/** Where the gateway sends its ElastiCache calls. */
export type EndpointConfig = { kind: 'local'; port: number } | { kind: 'aws' } | { kind: 'url'; url: string };

export interface GatewayConfig {
  endpoint: EndpointConfig;
  /** Served regions; the first is the default of every `region` argument. */
  regions: string[];
  host: string;
  port: number;
  graphiql: boolean;
  logLevel: LogLevel;
  maxAttempts: number;
  requestTimeoutMs: number;
  subscriptionPollIntervalMs: number;
  corsOrigins: string[];
  documentLimits: DocumentLimits;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads the environment variables documented in the README; a bad value is a ConfigError naming it. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const endpoint = parseEndpoint(env);
  const regions = parseRegions(env);
  return {
    endpoint,
    regions,
    host: env.HOST?.trim() || '127.0.0.1',
    port: parseInteger(env, 'PORT', 4000, 0, 65_535),
    graphiql: parseBoolean(env, 'GRAPHIQL', endpoint.kind === 'local'),
    logLevel: parseLogLevel(env),
    maxAttempts: parseInteger(env, 'ELASTICACHE_MAX_ATTEMPTS', 3, 1, 10),
    requestTimeoutMs: parseInteger(env, 'ELASTICACHE_TIMEOUT_MS', 10_000, 100, 120_000),
    // The floor keeps a busy dashboard from turning into a stream of AWS calls (they are throttled).
    subscriptionPollIntervalMs: parseInteger(env, 'SUBSCRIPTION_POLL_INTERVAL_MS', 5_000, 1_000, 300_000),
    corsOrigins: parseOrigins(env),
    documentLimits: {
      maxTokens: parseInteger(env, 'GRAPHQL_MAX_TOKENS', DEFAULT_DOCUMENT_LIMITS.maxTokens, 100, 10_000),
      maxDepth: parseInteger(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_DOCUMENT_LIMITS.maxDepth, 2, 100),
    },
  };
}

function parseEndpoint(env: Env): EndpointConfig {
  const value = env.ELASTICACHE_ENDPOINT?.trim() || 'local';
  if (value === 'local') return { kind: 'local', port: parseInteger(env, 'LOCAL_ENDPOINT_PORT', 0, 0, 65_535) };
  if (value === 'aws') return { kind: 'aws' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`ELASTICACHE_ENDPOINT must be "local", "aws" or an http(s) URL; got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`ELASTICACHE_ENDPOINT must be an http(s) URL; got "${value}".`);
  }
  return { kind: 'url', url: url.toString() };
}

function parseRegions(env: Env): string[] {
  const listed = env.ELASTICACHE_REGIONS?.split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  const regions = listed?.length ? listed : [env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1'];
  const source = listed?.length ? 'ELASTICACHE_REGIONS' : 'AWS_REGION';
  for (const region of regions) {
    if (!isRegionName(region))
      throw new ConfigError(`${source} holds "${region}", which is not an AWS Region name like us-east-1.`);
  }
  return [...new Set(regions)];
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

function parseLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!isLogLevel(raw))
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent; got "${env.LOG_LEVEL}".`);
  return raw;
}

function parseOrigins(env: Env): string[] {
  const origins =
    env.CORS_ORIGINS?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean) ?? [];
  for (const origin of origins) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || url.origin !== origin)
      throw new ConfigError(`CORS_ORIGINS holds "${origin}", which is not an origin like https://console.example.com.`);
  }
  return origins;
}
