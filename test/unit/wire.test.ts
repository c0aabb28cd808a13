import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/redis/wire.js';

describe('the JSON that crosses Redis', () => {
  it('keeps Dates as Dates, and everything else as JSON has it', () => {
    const value = {
      at: new Date('2026-12-01T10:00:00.000Z'),
      events: [{ Date: new Date('2026-12-01T10:00:01.500Z'), Message: 'm' }],
      none: null,
      list: [null, 1, 'a', [2]],
      nested: { deeper: { n: 0 } },
    };
    expect(decode(encode(value))).toEqual(value);
    expect((decode(encode(value)) as { at: unknown }).at).toBeInstanceOf(Date);
    expect(decode('null')).toBeNull();
  });

  it('reads `$date` as a Date only when it is a string and the object has nothing else', () => {
    expect(decode('{"a":{"$date":"2026-12-01T00:00:00.000Z","b":1}}')).toEqual({
      a: { $date: '2026-12-01T00:00:00.000Z', b: 1 },
    });
    expect(decode('{"a":{"$date":5}}')).toEqual({ a: { $date: 5 } });
  });
});
