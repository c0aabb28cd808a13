import { randomUUID } from 'node:crypto';
import { QueryError, faults as queryFaults } from './query-errors.js';
import { isAccountId } from '../rules/account-ids.js';

export interface FaultRule {
  /** e.g. 'TestMigration' or 'AssumeRole'; omitted: every action. */
  action?: string;
  /** Only calls in this account (AssumeRole: the role's account); omitted: every account. */
  accountId?: string;
  /**
   * throttling: HTTP 400 `Throttling` (the SDK retries it); internal: HTTP 500 `InternalFailure`;
   * latency: the normal answer, `latencyMs` late; drop: the socket is destroyed without an answer;
   * fault: any AWS error, given by `code` (the wire code), `status` and `message`.
   */
  kind: 'throttling' | 'internal' | 'latency' | 'drop' | 'fault';
  latencyMs?: number;
  code?: string;
  status?: number;
  message?: string;
  /** Apply to the next N matching calls, then expire. */
  times?: number;
  /** Chance per matching call, 0 to 1 (default 1). */
  probability?: number;
}

export interface FaultInjector {
  inject(rule: FaultRule): string;
  remove(id: string): void;
  clear(): void;
  list(): (FaultRule & { id: string })[];
}

const KINDS: readonly FaultRule['kind'][] = ['throttling', 'internal', 'latency', 'drop', 'fault'];

/** Checks a rule that arrives as JSON (admin route) or from code; throws a message naming the field. */
export function validateFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null) throw new Error('a fault rule must be a JSON object');
  const rule = input as Record<string, unknown>;
  if (!KINDS.includes(rule.kind as FaultRule['kind'])) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
  if (rule.action !== undefined && (typeof rule.action !== 'string' || !/^[A-Za-z]+$/.test(rule.action)))
    throw new Error('action must be an action name');
  if (rule.accountId !== undefined && (typeof rule.accountId !== 'string' || !isAccountId(rule.accountId)))
    throw new Error('accountId must be a 12-digit account id');
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || (rule.times as number) < 1))
    throw new Error('times must be a positive integer');
  if (
    rule.probability !== undefined &&
    (typeof rule.probability !== 'number' || rule.probability < 0 || rule.probability > 1)
  ) {
    throw new Error('probability must be a number from 0 to 1');
  }
  if (
    rule.kind === 'latency' &&
    (!Number.isInteger(rule.latencyMs) || (rule.latencyMs as number) < 0 || (rule.latencyMs as number) > 60_000)
  ) {
    throw new Error('latencyMs must be an integer from 0 to 60000 for latency faults');
  }
  if (rule.kind === 'fault') {
    if (typeof rule.code !== 'string' || !/^[A-Za-z.]+$/.test(rule.code))
      throw new Error('code must be an AWS error code for fault rules');
    if (!Number.isInteger(rule.status) || (rule.status as number) < 400 || (rule.status as number) > 599)
      throw new Error('status must be an HTTP error status (400-599) for fault rules');
    if (rule.message !== undefined && typeof rule.message !== 'string') throw new Error('message must be a string');
  }
  return {
    kind: rule.kind as FaultRule['kind'],
    ...(rule.kind === 'fault'
      ? {
          code: rule.code as string,
          status: rule.status as number,
          message: (rule.message as string | undefined) ?? `Injected ${String(rule.code)}.`,
        }
      : {}),
    ...(rule.action !== undefined ? { action: rule.action as string } : {}),
    ...(rule.accountId !== undefined ? { accountId: rule.accountId as string } : {}),
    ...(rule.latencyMs !== undefined ? { latencyMs: rule.latencyMs as number } : {}),
    ...(rule.times !== undefined ? { times: rule.times as number } : {}),
    ...(rule.probability !== undefined ? { probability: rule.probability as number } : {}),
  };
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  remaining: number;
}

/**
 * Fault rules matched per call, first match wins. `random` is injectable so that tests of
 * probabilistic faults can be deterministic.
 */
export class Faults implements FaultInjector {
  #rules: ActiveRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  inject(rule: FaultRule): string {
    const valid = validateFaultRule(rule);
    const id = randomUUID();
    this.#rules.push({ id, rule: valid, remaining: valid.times ?? Infinity });
    return id;
  }

  remove(id: string): void {
    this.#rules = this.#rules.filter((active) => active.id !== id);
  }

  clear(): void {
    this.#rules = [];
  }

  list(): (FaultRule & { id: string })[] {
    return this.#rules.map(({ id, rule }) => ({ id, ...rule }));
  }

  /** The fault to apply to this call, if any; counts it against the rule's `times`. */
  take(action: string, accountId: string): FaultRule | undefined {
    for (const active of this.#rules) {
      if (active.rule.action !== undefined && active.rule.action !== action) continue;
      if (active.rule.accountId !== undefined && active.rule.accountId !== accountId) continue;
      if (this.random() >= (active.rule.probability ?? 1)) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.remove(active.id);
      return active.rule;
    }
    return undefined;
  }
}

/**
 * Plays the rule injected for `action`, if any, before the operation runs: waits (latency),
 * throws the AWS error to answer with, or returns 'drop' when the connection must be cut
 * without an answer.
 */
export async function playFault(faults: Faults, action: string, accountId: string): Promise<'drop' | 'proceed'> {
  const fault = faults.take(action, accountId);
  if (fault?.kind === 'drop') return 'drop';
  if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 0));
  if (fault?.kind === 'throttling') throw queryFaults.throttling();
  if (fault?.kind === 'internal') throw queryFaults.internalFailure();
  if (fault?.kind === 'fault') {
    const status = fault.status ?? 400;
    throw new QueryError(
      fault.code ?? 'InternalFailure',
      status,
      fault.message ?? '',
      status >= 500 ? 'Receiver' : 'Sender',
    );
  }
  return 'proceed';
}
