import {
  LocalPollCoordination,
  type Listening,
  type PollCoordination,
  type PollMessage,
} from '../../src/subscriptions/poll-coordination.js';

/**
 * One replica's coordination over a LocalPollCoordination (its own, or one several replicas in
 * the process share) that records what the watchers ask of it: each claim, each release, each
 * message published. The lease is this replica's while `holds` says so; set it false to play a
 * replica on which another one polls (SharedLease decides it between replicas instead).
 */
export class RecordingCoordination implements PollCoordination {
  holds = true;
  readonly claims: { key: string; leaseMs: number }[] = [];
  released = 0;
  readonly published: PollMessage[] = [];

  constructor(readonly local = new LocalPollCoordination()) {}

  claim(key: string, leaseMs: number): Promise<boolean> {
    this.claims.push({ key, leaseMs });
    return Promise.resolve(this.holds);
  }
  release(_key: string): Promise<void> {
    this.released++;
    return Promise.resolve();
  }
  publish(key: string, message: PollMessage): Promise<void> {
    this.published.push(message);
    return this.local.publish(key, message);
  }
  listen(key: string, onMessage: (message: PollMessage) => void): Listening {
    return this.local.listen(key, onMessage);
  }
  latest(key: string) {
    return this.local.latest(key);
  }
}
