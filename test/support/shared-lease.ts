import type {
  Listening,
  LocalPollCoordination,
  PollCoordination,
  PollMessage,
} from '../../src/subscriptions/poll-coordination.js';

/**
 * Replicas in one process: each GroupWatchers (or ProgressWatchers) is a replica whose coordination shares one set of
 * listeners with the others (a LocalPollCoordination), the lease going to whoever claims first.
 */
export class SharedLease implements PollCoordination {
  readonly claims: { key: string; leaseMs: number }[] = [];
  readonly published: PollMessage[] = [];
  constructor(
    private readonly shared: LocalPollCoordination,
    private readonly holders: Map<string, SharedLease>,
  ) {}
  claim(key: string, leaseMs: number): Promise<boolean> {
    this.claims.push({ key, leaseMs });
    const holder = this.holders.get(key) ?? this;
    this.holders.set(key, holder);
    return Promise.resolve(holder === this);
  }
  release(key: string): Promise<void> {
    if (this.holders.get(key) === this) this.holders.delete(key);
    return Promise.resolve();
  }
  publish(key: string, message: PollMessage): Promise<void> {
    this.published.push(message);
    return this.shared.publish(key, message);
  }
  listen(key: string, onMessage: (message: PollMessage) => void): Listening {
    return this.shared.listen(key, onMessage);
  }
  latest(key: string) {
    return this.shared.latest(key);
  }
}
