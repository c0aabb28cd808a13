import { ReplyError, type Redis } from 'ioredis';
import { VerificationSideUnreachable } from './errors.js';
import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';

/**
 * Every command verification may send: reads that answer at once. Never a write, never KEYS,
 * DEBUG, SYNC, MONITOR or a blocking command; SELECT only changes the connection's database.
 */
export const VERIFICATION_COMMANDS = new Set([
  'INFO',
  'CLUSTER',
  'SELECT',
  'SCAN',
  'RANDOMKEY',
  'TYPE',
  'PTTL',
  'STRLEN',
  'GET',
  'HLEN',
  'HGETALL',
  'LLEN',
  'LRANGE',
  'SCARD',
  'SMEMBERS',
  'ZCARD',
  'ZRANGE',
  'XLEN',
  'XRANGE',
]);

export type Command = readonly [name: string, ...args: (string | number | Buffer)[]];

/**
 * At most `perSecond` commands, in windows of a tenth of a second (so that no second, wherever it
 * starts, sees much more than `perSecond`), queued rather than refused.
 */
export class CommandRate {
  readonly #queue: RateLimiterQueue;
  readonly perWindow: number;

  constructor(perSecond: number) {
    this.perWindow = Math.max(1, Math.floor(perSecond / 10));
    this.#queue = new RateLimiterQueue(new RateLimiterMemory({ points: this.perWindow, duration: 0.1 }));
  }

  async take(count: number): Promise<void> {
    for (let left = count; left > 0; left -= this.perWindow)
      await this.#queue.removeTokens(Math.min(left, this.perWindow));
  }
}

/**
 * One connection's commands, pipelined, every one of them counted (and paced by `rate` when
 * given: the source's bound), checked against VERIFICATION_COMMANDS, and given up once `stop`
 * says so. Replies come as Buffers (values are compared byte for byte); an error reply from Redis
 * (a key that changed type meanwhile) is a ReplyError in its place, while a connection that
 * fails or a command that times out makes the side unreachable: never a missing key.
 */
export class ReadOnlyChannel {
  #sent = 0;

  constructor(
    private readonly side: 'source' | 'target',
    private readonly redis: Redis,
    private readonly rate: CommandRate | null,
    private readonly stop: () => void,
  ) {}

  /** Commands sent so far. */
  get sent(): number {
    return this.#sent;
  }

  async run(commands: readonly Command[]): Promise<unknown[]> {
    const replies: unknown[] = [];
    const chunk = this.rate?.perWindow ?? 1_000;
    for (let from = 0; from < commands.length; from += chunk) {
      const batch = commands.slice(from, from + chunk);
      this.stop();
      await this.rate?.take(batch.length);
      this.stop();
      const pipeline = this.redis.pipeline();
      for (const [name, ...args] of batch) {
        if (!VERIFICATION_COMMANDS.has(name)) throw new Error(`verification never sends ${name}`);
        pipeline.callBuffer(name, ...args);
      }
      this.#sent += batch.length;
      const results = await pipeline.exec().catch(() => null);
      for (const [error, reply] of results ?? [[new Error('no answer'), null]]) {
        if (error && !(error instanceof ReplyError))
          throw new VerificationSideUnreachable(this.side, `the ${this.side} stopped answering`);
        replies.push(error ?? reply);
      }
    }
    return replies;
  }

  /** One command's reply; an error reply throws (VerificationCutShort and unreachable as they are). */
  async one(...command: Command): Promise<unknown> {
    const [reply] = await this.run([command]);
    if (reply instanceof Error) throw reply;
    return reply;
  }
}
