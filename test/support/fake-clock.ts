import type { GraphQLError } from 'graphql';
import { vi } from 'vitest';

/**
 * Driving watchers on vitest's fake clock (setTimeout, clearTimeout and Date faked; setImmediate
 * real): their polls are promise chains, which a timer starts and the event loop finishes.
 */

/** Lets every promise the fake clock's timers started settle. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the fake clock on by `ms`, running the timers due and what they start (and timers set at once by those). */
export async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
  await vi.advanceTimersByTimeAsync(0);
  await settle();
}

/** Every update a subscriber receives, as it receives it, and how its stream ended. */
export function readUpdates<T>(updates: AsyncIterableIterator<T>) {
  const seen: T[] = [];
  const state: { error: GraphQLError | null; ended: boolean } = { error: null, ended: false };
  void (async () => {
    try {
      for await (const update of updates) seen.push(update);
    } catch (error) {
      state.error = error as GraphQLError;
    }
    state.ended = true;
  })();
  return { seen, state, stop: () => updates.return?.() };
}
