import {
  ElastiCacheServiceException,
  ReplicationGroupNotFoundFault,
  ReplicationGroupNotUnderMigrationFault,
} from '@aws-sdk/client-elasticache';
import { toGraphQLError } from '../../src/graphql-errors.js';
import { describe, expect, it } from 'vitest';
import { RepeatedFailureLog } from '../../src/aws/failure-log.js';
import { nullWhenAbsent, translateAwsError } from '../../src/aws/faults.js';
import { MalformedInputError, RequestCancelledError, UpstreamError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';

const META = { httpStatusCode: 400, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 };
const notFound = () => new ReplicationGroupNotFoundFault({ message: 'Group g not found.', $metadata: META });
/** What the SDK throws for a code its model does not declare: the bare base class. */
const undeclared = (name: string, fault: 'client' | 'server', message = `${name} happened`) =>
  new ElastiCacheServiceException({ name, $fault: fault, message, $metadata: { ...META, httpStatusCode: 503 } });

function translate(error: unknown, operation = 'DescribeReplicationGroups', signal?: AbortSignal) {
  const lines: Record<string, unknown>[] = [];
  const failures = new RepeatedFailureLog(
    createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
  );
  const result = translateAwsError(error, { operation, region: 'eu-west-1', signal }, failures);
  failures.flush();
  return { result, lines };
}

/** What a client sees of a translated failure: the domain error through the one mapping. */
const asGraphQL = (error: unknown) => {
  expect(error).toBeInstanceOf(UpstreamError);
  const mapped = toGraphQLError(error);
  return { message: mapped?.message, extensions: mapped?.extensions ?? {} };
};

describe('the fault policy (translateAwsError)', () => {
  it("passes the operation's own faults through untouched, and nothing is logged", () => {
    const fault = notFound();
    const { result, lines } = translate(fault);
    expect(result).toBe(fault);
    expect(lines).toEqual([]);
    const notMigrating = new ReplicationGroupNotUnderMigrationFault({ message: 'not migrating', $metadata: META });
    expect(translate(notMigrating, 'CompleteMigration').result).toBe(notMigrating);
  });

  it("turns a declared fault the operation's callers do not handle into UPSTREAM_FAILED with AWS's code and words", () => {
    const { result, lines } = translate(notFound(), 'DescribeEvents');
    expect(asGraphQL(result)).toEqual({
      message: 'ElastiCache refused the request: Group g not found.',
      extensions: { code: 'UPSTREAM_FAILED', awsCode: 'ReplicationGroupNotFoundFault', awsRequestId: 'req-1' },
    });
    expect(lines[0]).toMatchObject({
      message: 'ElastiCache call failed',
      operation: 'DescribeEvents',
      region: 'eu-west-1',
      code: 'UPSTREAM_FAILED',
      awsError: 'ReplicationGroupNotFoundFault',
      awsMessage: 'Group g not found.',
      awsRequestId: 'req-1',
      httpStatus: 400,
    });
  });

  it.each([
    [
      'Throttling',
      'client',
      'UPSTREAM_THROTTLED',
      'ElastiCache is throttling requests in eu-west-1 (DescribeReplicationGroups); try again later.',
    ],
    [
      'RequestLimitExceeded',
      'client',
      'UPSTREAM_THROTTLED',
      'ElastiCache is throttling requests in eu-west-1 (DescribeReplicationGroups); try again later.',
    ],
    [
      'AccessDenied',
      'client',
      'UPSTREAM_UNAUTHORIZED',
      "The gateway's AWS credentials were refused for DescribeReplicationGroups in eu-west-1.",
    ],
    [
      'ExpiredToken',
      'client',
      'UPSTREAM_UNAUTHORIZED',
      "The gateway's AWS credentials were refused for DescribeReplicationGroups in eu-west-1.",
    ],
    [
      'InternalFailure',
      'server',
      'UPSTREAM_UNAVAILABLE',
      'ElastiCache is unavailable in eu-west-1 (DescribeReplicationGroups failed after retries); try again later.',
    ],
    ['SomethingNew', 'client', 'UPSTREAM_FAILED', 'ElastiCache rejected DescribeReplicationGroups in eu-west-1.'],
  ] as const)('%s (%s fault) is %s with the gateway’s own words', (name, fault, code, message) => {
    const { result } = translate(undeclared(name, fault));
    const translated = asGraphQL(result);
    expect(translated).toEqual({ message, extensions: { code, awsRequestId: 'req-1' } });
    expect((result as UpstreamError).awsCode).toBe(name);
    expect((result as UpstreamError).awsMessage).toBe(`${name} happened`);
  });

  it('names where the SDK looks for credentials when there are none', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const translated = asGraphQL(translate(missing).result);
    expect(translated.extensions).toEqual({ code: 'UPSTREAM_UNAUTHORIZED' });
    expect(translated.message).toBe(
      'The gateway has no AWS credentials, so DescribeReplicationGroups in eu-west-1 was not sent: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (with ~/.aws/credentials or SSO), or run with a web identity token or an instance or task role.',
    );
  });

  it('reads anything else (a refused connection, a thrown string) as ElastiCache unavailable', () => {
    for (const error of [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'a string']) {
      const { result, lines } = translate(error);
      expect(asGraphQL(result).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(lines[0]).toMatchObject({ awsError: error instanceof Error ? 'Error' : 'UnknownError' });
    }
  });

  it("a call whose caller has gone is REQUEST_CANCELLED; the gateway's own refusals pass as they are", () => {
    const gone = new AbortController();
    gone.abort();
    expect(translate(undeclared('AbortError', 'client'), 'DescribeEvents', gone.signal).result).toBeInstanceOf(
      RequestCancelledError,
    );
    const refusal = new MalformedInputError('input', 'input holds a lone surrogate');
    expect(translate(refusal).result).toBe(refusal);
    // An operation outside the policy passes nothing through.
    expect(asGraphQL(translate(notFound(), 'DescribeSomethingElse').result).extensions.code).toBe('UPSTREAM_FAILED');
  });
});

describe('the fault policy: what it logs', () => {
  it('logs each kind of failure once per window: another operation, region or code is another line', () => {
    const lines: Record<string, unknown>[] = [];
    const failures = new RepeatedFailureLog(
      createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    );
    const site = { operation: 'DescribeEvents', region: 'eu-west-1' };
    translateAwsError(undeclared('Throttling', 'client'), site, failures);
    translateAwsError(undeclared('Throttling', 'client'), site, failures);
    translateAwsError(undeclared('AccessDenied', 'client'), site, failures);
    translateAwsError(undeclared('Throttling', 'client'), { ...site, region: 'us-east-1' }, failures);
    expect(lines.map((line) => `${String(line.region)} ${String(line.awsError)}`)).toEqual([
      'eu-west-1 Throttling',
      'eu-west-1 AccessDenied',
      'us-east-1 Throttling',
    ]);
  });

  it("a declared fault that is the server's is ElastiCache unavailable, in the gateway's words", () => {
    const serverSide = Object.assign(notFound(), { $fault: 'server' as const });
    expect(asGraphQL(translate(serverSide, 'DescribeEvents').result)).toEqual({
      message: 'ElastiCache is unavailable in eu-west-1 (DescribeEvents failed after retries); try again later.',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', awsRequestId: 'req-1' },
    });
  });
});

describe('nullWhenAbsent', () => {
  it('is null for the not-found fault, the answer otherwise, and rethrows any other failure', async () => {
    expect(await nullWhenAbsent(Promise.reject(notFound()), ReplicationGroupNotFoundFault)).toBeNull();
    expect(await nullWhenAbsent(Promise.resolve('group'), ReplicationGroupNotFoundFault)).toBe('group');
    const other = undeclared('Throttling', 'client');
    await expect(nullWhenAbsent(Promise.reject(other), ReplicationGroupNotFoundFault)).rejects.toBe(other);
  });
});
