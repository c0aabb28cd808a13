import { toGraphQLError } from '../../src/graphql-errors.js';
import { describe, expect, it } from 'vitest';
import { malformedStringPath, refuseMalformedStrings } from '../../src/aws/well-formed-input.js';
import { MalformedInputError } from '../../src/errors.js';

const LONE = 'ab\uD800c';

describe('malformedStringPath', () => {
  it('finds a lone surrogate wherever it is: top level, nested objects, array members', () => {
    expect(malformedStringPath(LONE, '')).toBe('');
    expect(malformedStringPath({ ReplicationGroupId: LONE }, '')).toBe('ReplicationGroupId');
    expect(malformedStringPath({ CustomerNodeEndpointList: [{ Address: '10.0.0.1' }, { Address: LONE }] }, '')).toBe(
      'CustomerNodeEndpointList[1].Address',
    );
    expect(malformedStringPath({ Tags: ['ok', LONE] }, '')).toBe('Tags[1]');
    expect(malformedStringPath([[LONE]], 'input')).toBe('input[0][0]');
    expect(malformedStringPath({ A: 'ok', B: { C: 'fine', D: LONE } }, '')).toBe('B.D');
  });

  it('passes well-formed text, pairs of surrogates, dates and other values', () => {
    expect(
      malformedStringPath(
        { a: 'caf\u00e9 \uD83D\uDE00', b: [1, true, null, undefined, 'x'], c: new Date(0), d: { e: ['\uD83D\uDE00'] } },
        '',
      ),
    ).toBeNull();
  });
});

describe('refuseMalformedStrings (first in every SDK call)', () => {
  const run = (input: unknown) => {
    let reached = false;
    const handler = refuseMalformedStrings(() => {
      reached = true;
      return Promise.resolve({ output: {}, response: {} }) as never;
    }, {} as never);
    return { result: handler({ input } as never), reached: () => reached };
  };

  it('refuses the call before the serializer, naming the field', async () => {
    const call = run({ CustomerNodeEndpointList: [{ Address: LONE }] });
    const refusal = await call.result.catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MalformedInputError);
    expect(toGraphQLError(refusal)).toMatchObject({
      message: 'CustomerNodeEndpointList[0].Address holds text that is not well-formed Unicode (a lone surrogate).',
      extensions: { code: 'BAD_USER_INPUT', argument: 'CustomerNodeEndpointList[0].Address' },
    });
    expect(call.reached()).toBe(false);
  });

  it('names the input itself when it is the malformed string, and lets well-formed input through', async () => {
    await expect(run(LONE).result).rejects.toMatchObject({
      message: 'The input holds text that is not well-formed Unicode (a lone surrogate).',
      argument: 'input',
    });
    const fine = run({ ReplicationGroupId: 'orders-cache' });
    await fine.result;
    expect(fine.reached()).toBe(true);
  });
});
