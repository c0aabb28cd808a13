import { toGraphQLError } from '../../src/graphql-errors.js';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/resolvers/cursor.js';

const encodeRaw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor codec', () => {
  it('decodes what it encodes', () => {
    const position = { location: 'eu-west-1', marker: 'abc==', index: 7, size: 20 };
    expect(decodeCursor('replicationGroups', encodeCursor('replicationGroups', position))).toEqual(position);
    expect(
      decodeCursor('events', encodeCursor('events', { location: 'us-east-1', marker: null, index: 0, size: 100 })),
    ).toEqual({ location: 'us-east-1', marker: null, index: 0, size: 100 });
  });

  it('reads cursors issued before page sizes followed `first` as pages of 100', () => {
    const earlier = encodeRaw({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: 'm', i: 3 });
    expect(decodeCursor('replicationGroups', earlier)).toEqual({
      location: 'us-east-1',
      marker: 'm',
      index: 3,
      size: 100,
    });
  });

  it.each([
    ['not base64 JSON', '!!!', 'it is not a cursor this gateway issued'],
    [
      'another version',
      encodeRaw({ v: 2, k: 'replicationGroups', r: 'us-east-1', m: null, i: 0 }),
      'unknown cursor format',
    ],
    [
      'another listing',
      encodeCursor('events', { location: 'us-east-1', marker: null, index: 0, size: 100 }),
      'it belongs to another listing (events)',
    ],
    [
      'a negative index',
      encodeRaw({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: null, i: -1 }),
      'it is malformed',
    ],
    [
      'a page size AWS refuses',
      encodeRaw({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: null, i: 0, s: 500 }),
      'it is malformed',
    ],
    ['a numeric marker', encodeRaw({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: 5, i: 0 }), 'it is malformed'],
    [
      'a lone surrogate',
      encodeRaw({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: '\ud800', i: 0 }),
      'it is malformed',
    ],
  ])('refuses %s with BAD_CURSOR naming the argument', (_case, cursor, reason) => {
    let thrown: unknown;
    try {
      decodeCursor('replicationGroups', cursor, 'after');
    } catch (error) {
      thrown = error;
    }
    // As the client sees it, through the one mapping of domain errors.
    expect(toGraphQLError(thrown)).toMatchObject({
      message: `The \`after\` cursor is not valid (${reason}); start again without it.`,
      extensions: { code: 'BAD_CURSOR', argument: 'after' },
    });
  });
});
