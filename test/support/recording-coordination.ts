import {
  LocalPollCoordination,
  type Listening,
  type PollCoordination,
  type PollMessage,
} from '../../src/subscriptions/poll-coordination.js';

/**
 * One process's coordination (a LocalPollCoordination underneath) that records what the watchers
 * ask of it: each claim's lease, each release, each message published. The lease is this
 * replica's while `holds` says so; set it false to play a replica on which another one polls.
 */
export class RecordingCoordination implements PollCoordination {
  holds = true;
  readonly claims: number[] = [];
  released = 0;
  readonly published: PollMessage[] = [];
  readonly local = new LocalPollCoordination();

  claim(_key: string, leaseMs: number): Promise<boolean> {
    this.claims.push(leaseMs);
    return Promise.resolve(this.holds);
  }
  release(): Promise<void> {
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
