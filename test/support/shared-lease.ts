import type { LocalPollCoordination } from '../../src/subscriptions/poll-coordination.js';
import { RecordingCoordination } from './recording-coordination.js';

/**
 * Replicas in one process: each GroupWatchers (or ProgressWatchers) is a replica whose coordination shares one set of
 * listeners with the others (a LocalPollCoordination), the lease going to whoever claims first.
 */
export class SharedLease extends RecordingCoordination {
  constructor(
    shared: LocalPollCoordination,
    private readonly holders: Map<string, SharedLease>,
  ) {
    super(shared);
  }
  override async claim(key: string, leaseMs: number): Promise<boolean> {
    await super.claim(key, leaseMs);
    const holder = this.holders.get(key) ?? this;
    this.holders.set(key, holder);
    return holder === this;
  }
  override async release(key: string): Promise<void> {
    await super.release(key);
    if (this.holders.get(key) === this) this.holders.delete(key);
  }
}
