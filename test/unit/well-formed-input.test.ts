import { describe, expect, it } from 'vitest';
import { malformedStringPath } from '../../src/aws/well-formed-input.js';

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
