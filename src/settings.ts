/**
 * Every environment variable the gateway reads, defined once: its name, its type and bounds, its
 * default and what it does. `loadConfig` (src/config.ts) reads each through its definition, the
 * code's defaults are these defaults, and the table of docs/configuration.md is printed from
 * here (`npm run docs:settings`; test/config.test.ts fails when the committed table differs).
 */

interface Common {
  name: string;
  /** What it does, as the table says it (Markdown). */
  description: string;
  /** The default as the table writes it, when the value alone would not say it (a computed default). */
  defaultText?: string;
}

export interface IntegerSetting extends Common {
  kind: 'integer';
  default: number;
  min: number;
  max: number;
}

export interface BooleanSetting extends Common {
  kind: 'boolean';
  default: boolean;
}

/** Text read by a parser of its own in src/config.ts (URLs, lists, names); `default` null: none. */
export interface TextSetting extends Common {
  kind: 'text';
  default: string | null;
}

export type Setting = IntegerSetting | BooleanSetting | TextSetting;

// Generic, so that a text setting with a default keeps `default: string` (not `string | null`).
const integer = (setting: Omit<IntegerSetting, 'kind'>): IntegerSetting => ({ kind: 'integer', ...setting });
const boolean = (setting: Omit<BooleanSetting, 'kind'>): BooleanSetting => ({ kind: 'boolean', ...setting });
const text = <S extends Omit<TextSetting, 'kind'>>(setting: S): S & { kind: 'text' } => ({ kind: 'text', ...setting });

export const SETTINGS = {
  ELASTICACHE_ENDPOINT: text({
    name: 'ELASTICACHE_ENDPOINT',
    default: 'local',
    description:
      "`local`: start the built-in local endpoint in-process, with demo data. `aws`: real AWS, with the SDK's default credential chain. A URL: any endpoint that speaks the ElastiCache Query protocol (the standalone local endpoint, LocalStack, a VPC endpoint).",
  }),
  AWS_REGION: text({
    name: 'AWS_REGION',
    default: 'us-east-1',
    description: 'the region served, when `ELASTICACHE_REGIONS` is not set',
  }),
  AWS_DEFAULT_REGION: text({
    name: 'AWS_DEFAULT_REGION',
    default: null,
    description: 'read when `AWS_REGION` is not set, as the AWS CLI does',
  }),
  ELASTICACHE_REGIONS: text({
    name: 'ELASTICACHE_REGIONS',
    default: null,
    defaultText: '`AWS_REGION`',
    description: 'comma-separated regions served by one gateway; the first is the default of every `region` argument',
  }),
  AWS_ACCOUNTS: text({
    name: 'AWS_ACCOUNTS',
    default: null,
    defaultText: "the credentials' own account",
    description:
      'the accounts served, as JSON or `@<path>` of a JSON file: `[{ "accountId", "roleArn", "externalId"?, "regions"?, "name"? }]`, each reached by assuming its role with the gateway\'s own credentials (docs/accounts.md); the first is the default of every `account` argument',
  }),
  STS_ENDPOINT: text({
    name: 'STS_ENDPOINT',
    default: null,
    defaultText: '`ELASTICACHE_ENDPOINT` when `local` or a URL, else AWS',
    description:
      "where AssumeRole goes with `AWS_ACCOUNTS`: a URL, or `aws` (AWS's regional STS of the default region)",
  }),
  PORT: integer({ name: 'PORT', default: 4000, min: 0, max: 65_535, description: 'the port the gateway listens on' }),
  HOST: text({
    name: 'HOST',
    default: '127.0.0.1',
    description: 'the address the gateway listens on (`0.0.0.0` in a container, with `ALLOWED_HOSTS`)',
  }),
  ALLOWED_HOSTS: text({
    name: 'ALLOWED_HOSTS',
    default: null,
    defaultText: 'on loopback: the listen address, `localhost`, `127.0.0.1`, `[::1]`; required otherwise',
    description:
      'comma-separated host names (no port) clients reach the gateway by; any other `Host` header gets 421 `MISDIRECTED_REQUEST` before anything runs, over HTTP and WebSocket (DNS rebinding). `*` serves any (only behind a proxy that checks). `/health`, `/readiness` and `/metrics` answer whatever the host',
  }),
  GRAPHIQL: boolean({
    name: 'GRAPHIQL',
    default: false,
    defaultText: 'on for `local`, off otherwise',
    description: 'serve GraphiQL at `/graphql`',
  }),
  CONSOLE_ENABLED: boolean({
    name: 'CONSOLE_ENABLED',
    default: true,
    description: 'serve the migration console on `GET /console` (`false`: 404)',
  }),
  LOG_LEVEL: text({
    name: 'LOG_LEVEL',
    default: 'info',
    description:
      '`debug`, `info`, `warn`, `error` or `silent`; logs are JSON lines on stderr (pino), a line per request and per AWS call at `info`',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: text({
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: null,
    description:
      'send traces as OTLP over HTTP to this endpoint + `/v1/traces` (`OTEL_SDK_DISABLED=true` turns tracing off)',
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: text({
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    default: null,
    description: 'send traces as OTLP over HTTP to this URL as it is (before `OTEL_EXPORTER_OTLP_ENDPOINT`)',
  }),
  OTEL_SDK_DISABLED: boolean({
    name: 'OTEL_SDK_DISABLED',
    default: false,
    description: 'turn tracing off whatever the endpoints say',
  }),
  OTEL_SERVICE_NAME: text({
    name: 'OTEL_SERVICE_NAME',
    default: 'elasticache-graphql',
    description: 'the `service.name` of the spans',
  }),
  ELASTICACHE_MAX_ATTEMPTS: integer({
    name: 'ELASTICACHE_MAX_ATTEMPTS',
    default: 3,
    min: 1,
    max: 10,
    description: "attempts per AWS call that times out or answers 5xx, with the SDK's standard retry strategy",
  }),
  ELASTICACHE_THROTTLE_MAX_ATTEMPTS: integer({
    name: 'ELASTICACHE_THROTTLE_MAX_ATTEMPTS',
    default: 5,
    min: 1,
    max: 10,
    description:
      "attempts of a call ElastiCache keeps throttling (at least `ELASTICACHE_MAX_ATTEMPTS`), with the SDK's throttling back-off (from 1 s, doubling, with jitter); timeouts and 5xx keep `ELASTICACHE_MAX_ATTEMPTS`",
  }),
  ELASTICACHE_TIMEOUT_MS: integer({
    name: 'ELASTICACHE_TIMEOUT_MS',
    default: 10_000,
    min: 100,
    max: 120_000,
    description:
      'bound of each attempt of an AWS call, answer included (connection timeout: 3 s); a call ends within attempts x this, as `UPSTREAM_UNAVAILABLE`',
  }),
  AUTH_JWKS_URL: text({
    name: 'AUTH_JWKS_URL',
    default: null,
    description:
      "the token issuer's JWKS (https, or http to localhost); with `AUTH_ISSUER` and `AUTH_AUDIENCE`: see [Security](security.md)",
  }),
  AUTH_JWKS_FILE: text({
    name: 'AUTH_JWKS_FILE',
    default: null,
    description: 'the signing keys from a JWKS file instead of `AUTH_JWKS_URL`',
  }),
  AUTH_ISSUER: text({ name: 'AUTH_ISSUER', default: null, description: 'the `iss` tokens must carry' }),
  AUTH_AUDIENCE: text({ name: 'AUTH_AUDIENCE', default: null, description: 'the `aud` tokens must carry' }),
  AUTH_SCOPE_CLAIM: text({
    name: 'AUTH_SCOPE_CLAIM',
    default: null,
    defaultText: '`scope`, then `scp`',
    description: 'the claim that holds the scopes',
  }),
  AUTH_DISABLED: boolean({
    name: 'AUTH_DISABLED',
    default: false,
    description: 'run open in front of AWS: a router or proxy in front checks every caller',
  }),
  TRUSTED_DOCUMENTS: text({
    name: 'TRUSTED_DOCUMENTS',
    default: null,
    description: 'run only the documents of this persisted-documents manifest: see [Security](security.md)',
  }),
  TRUSTED_DOCUMENTS_ADHOC_SCOPE: text({
    name: 'TRUSTED_DOCUMENTS_ADHOC_SCOPE',
    default: 'elasticache:adhoc',
    description: 'the scope that lets a caller send documents outside `TRUSTED_DOCUMENTS` (GraphiQL users)',
  }),
  GRAPHQL_MAX_TOKENS: integer({
    name: 'GRAPHQL_MAX_TOKENS',
    default: 2_000,
    min: 100,
    max: 10_000,
    description:
      'lexical tokens a document may hold; parsing stops at the first one over (our largest operation has 255)',
  }),
  GRAPHQL_MAX_DEPTH: integer({
    name: 'GRAPHQL_MAX_DEPTH',
    default: 20,
    min: 2,
    max: 100,
    description: "depth of field selections, introspection included (GraphiQL's introspection needs 15)",
  }),
  GRAPHQL_MAX_ALIASES: integer({
    name: 'GRAPHQL_MAX_ALIASES',
    default: 15,
    min: 0,
    max: 1_000,
    description: 'aliases in an operation, fragments included (our operations use none)',
  }),
  GRAPHQL_MAX_DIRECTIVES: integer({
    name: 'GRAPHQL_MAX_DIRECTIVES',
    default: 20,
    min: 0,
    max: 1_000,
    description: 'directives in an operation',
  }),
  GRAPHQL_MAX_COST: integer({
    name: 'GRAPHQL_MAX_COST',
    default: 30_000,
    min: 100,
    max: 1_000_000,
    description: "graphql-armor's cost, with page sizes counted (the dashboard at `first: 100` costs 23,200)",
  }),
  GRAPHQL_COMPILED_EXECUTION: boolean({
    name: 'GRAPHQL_COMPILED_EXECUTION',
    default: true,
    description:
      'run queries and mutations compiled by graphql-jit where it answers exactly as graphql-js (one operation, no fragments, variables that coerce); `false`: graphql-js for every operation (see [Performance](performance.md))',
  }),
  GRAPHQL_MAX_BODY_BYTES: integer({
    name: 'GRAPHQL_MAX_BODY_BYTES',
    // Enough for a document at the default token limit plus its variables, with room to spare.
    default: 128 * 1024,
    min: 1_024,
    max: 16 * 1024 * 1024,
    description: 'largest request body; HTTP 413 over it, with or without `Content-Length`',
  }),
  LOCAL_ENDPOINT_PORT: integer({
    name: 'LOCAL_ENDPOINT_PORT',
    default: 0,
    min: 0,
    max: 65_535,
    defaultText: '`0` (free port)',
    description: 'with `local`: the port of the in-process endpoint, e.g. 4566 to use the AWS CLI on it',
  }),
  SUBSCRIPTION_POLL_INTERVAL_MS: integer({
    name: 'SUBSCRIPTION_POLL_INTERVAL_MS',
    default: 5_000,
    // The floor keeps a busy dashboard from turning into a stream of AWS calls (they are throttled).
    min: 1_000,
    max: 300_000,
    description:
      "how often a subscribed group is polled; a subscription opened within an interval of the group's last poll is served that poll, so opening and closing them costs at most one poll per interval per group",
  }),
  SUBSCRIPTIONS_PER_CONNECTION: integer({
    name: 'SUBSCRIPTIONS_PER_CONNECTION',
    // A dashboard watches one group per row (50 at most on a page) on one connection.
    default: 100,
    min: 1,
    max: 10_000,
    description:
      'operations open at once on one WebSocket or single-connection SSE stream; one more is refused `TOO_MANY_SUBSCRIPTIONS`, the connection goes on',
  }),
  SUBSCRIPTIONS_PER_CALLER: integer({
    name: 'SUBSCRIPTIONS_PER_CALLER',
    // A caller's tabs and devices together hold a few pages' worth.
    default: 500,
    min: 1,
    max: 1_000_000,
    description:
      "subscriptions one caller (a token's `sub`; on an open gateway every caller is one) holds open on a replica; one more is refused `TOO_MANY_SUBSCRIPTIONS`. A caller holds at most a tenth of the 1,000 single-connection SSE streams, and reserving one needs `elasticache:read`",
  }),
  READ_CACHE_TTL_MS: integer({
    name: 'READ_CACHE_TTL_MS',
    default: 5_000,
    min: 0,
    max: 300_000,
    description:
      'how long the answers of AWS reads are shared between requests; `0` turns the cache off (see [Reads for frontends](frontends.md#reads-for-frontends))',
  }),
  RESPONSE_CACHE_TTL_MS: integer({
    name: 'RESPONSE_CACHE_TTL_MS',
    default: 5_000,
    min: 0,
    max: 300_000,
    defaultText: '`READ_CACHE_TTL_MS`',
    description:
      'how long a whole query response is served again to callers with the same scopes; `0` turns it off; needs the read cache on (see [Whole responses](frontends.md#whole-responses))',
  }),
  REDIS_URL: text({
    name: 'REDIS_URL',
    default: null,
    defaultText: 'none (in-process only)',
    description:
      '`redis://` or `rediss://` URL of a Redis shared by the replicas: the read cache and the response cache, one poller per subscribed group, subscription fan-out (see [Reads for frontends](frontends.md#reads-for-frontends)); the gateway starts and serves without it being reachable',
  }),
  REDIS_KEY_PREFIX: text({
    name: 'REDIS_KEY_PREFIX',
    default: 'elasticache-graphql:',
    description:
      'put before every key and channel; keys carry the account with `AWS_ACCOUNTS`, so only gateways without it, of different accounts or endpoints, sharing one Redis need different prefixes',
  }),
  PREFLIGHT_ALLOWED_NETWORKS: text({
    name: 'PREFLIGHT_ALLOWED_NETWORKS',
    default: null,
    defaultText: 'loopback and the private ranges',
    description:
      'comma-separated CIDRs `migrationPreflight` may connect to (e.g. `10.20.0.0/16`); link-local and cloud metadata addresses are refused whatever it says',
  }),
  PREFLIGHT_TIMEOUT_MS: integer({
    name: 'PREFLIGHT_TIMEOUT_MS',
    default: 5_000,
    min: 100,
    max: 60_000,
    description:
      "bound of a whole preflight, resolution, connections and commands included; also bounds each `INFO` of a migration's progress",
  }),
  MIGRATION_PROGRESS_INTERVAL_MS: integer({
    name: 'MIGRATION_PROGRESS_INTERVAL_MS',
    default: 1_000,
    min: 200,
    max: 60_000,
    description:
      'between two progress reads of a group the `migrationProgress` subscription watches (shorter than `CUTOVER_STABLE_MS`)',
  }),
  CUTOVER_MAX_BYTES_BEHIND: integer({
    name: 'CUTOVER_MAX_BYTES_BEHIND',
    default: 0,
    min: 0,
    max: 1_073_741_824,
    description: 'bytes a shard may still have to apply and count as in sync',
  }),
  CUTOVER_STABLE_MS: integer({
    name: 'CUTOVER_STABLE_MS',
    default: 5_000,
    min: 0,
    max: 3_600_000,
    description: 'how long every shard must have been in sync before `completeMigration` (without `force`) cuts over',
  }),
  READINESS_VERDICT_TTL_MS: integer({
    name: 'READINESS_VERDICT_TTL_MS',
    default: 5_000,
    min: 0,
    max: 300_000,
    description:
      'how long one `/readiness` verdict is reused: probes every second or two cost AWS one call per region per this',
  }),
  VERIFICATION_TIMEOUT_MS: integer({
    name: 'VERIFICATION_TIMEOUT_MS',
    default: 60_000,
    min: 1_000,
    max: 600_000,
    description: 'bound of one `migrationVerification`: what was compared by then is answered, `INCONCLUSIVE`',
  }),
  METRICS_TOKEN: text({
    name: 'METRICS_TOKEN',
    default: null,
    defaultText: 'none (open)',
    description: 'the bearer token `GET /metrics` asks for; without it, keep the port off the internet',
  }),
  SHUTDOWN_TIMEOUT_MS: integer({
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: 10_000,
    min: 0,
    max: 600_000,
    description: 'how long a drain after SIGTERM waits for requests in flight',
  }),
  CORS_ORIGINS: text({
    name: 'CORS_ORIGINS',
    default: null,
    description:
      'comma-separated browser origins allowed to call the gateway cross-origin (e.g. `https://console.example.com`)',
  }),
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** The Markdown table of docs/configuration.md: one row per setting, in definition order. */
export function settingsTable(): string {
  const rows = Object.values(SETTINGS as Record<string, Setting>).map((setting) => {
    const bounds = setting.kind === 'integer' ? ` (${setting.min}-${setting.max})` : '';
    return `| \`${setting.name}\` | ${defaultCell(setting)} | ${setting.description}${bounds} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function defaultCell(setting: Setting): string {
  if (setting.defaultText) return setting.defaultText;
  if (setting.default === null) return 'none';
  if (setting.kind === 'boolean') return `\`${String(setting.default)}\``;
  if (setting.kind === 'integer') return `\`${setting.default}\``;
  return `\`${setting.default}\``;
}
