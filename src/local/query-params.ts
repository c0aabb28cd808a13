import { faults } from './query-errors.js';

/**
 * The parameters of one Query-protocol request (`Action=…&Version=…&Name.member.1=…`), with typed
 * readers that answer malformed values the way AWS does: MissingParameter for an absent required
 * one, InvalidParameterValue naming the parameter for a bad one. Key order never matters.
 */
export class QueryParams {
  readonly #values: ReadonlyMap<string, string>;

  constructor(body: string) {
    this.#values = new Map(new URLSearchParams(body));
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  string(name: string): string | undefined {
    return this.#values.get(name);
  }

  requiredString(name: string): string {
    const value = this.#values.get(name);
    if (value === undefined || value === '') throw faults.missingParameter(name);
    return value;
  }

  integer(name: string, range?: { min: number; max: number }): number | undefined {
    const raw = this.#values.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value)) {
      throw faults.invalidParameterValue(`Value ${raw} for parameter ${name} is invalid. It must be an integer.`);
    }
    if (range && (value < range.min || value > range.max)) {
      throw faults.invalidParameterValue(
        `Value ${value} for parameter ${name} is invalid. It must be between ${range.min} and ${range.max}.`,
      );
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.#values.get(name);
    if (raw === undefined) return undefined;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw faults.invalidParameterValue(`Value ${raw} for parameter ${name} is invalid. It must be true or false.`);
  }

  timestamp(name: string): Date | undefined {
    const raw = this.#values.get(name);
    if (raw === undefined) return undefined;
    const value = new Date(raw);
    if (Number.isNaN(value.getTime())) {
      throw faults.invalidParameterValue(
        `Value ${raw} for parameter ${name} is invalid. It must be an ISO 8601 timestamp.`,
      );
    }
    return value;
  }

  /** `Name.<item>.1`, `Name.<item>.2`, … as a list; numbering must start at 1 without gaps. */
  stringList(name: string, itemName = 'member'): string[] {
    return this.#indices(`${name}.${itemName}.`).map((index) => this.#values.get(`${name}.${itemName}.${index}`) ?? '');
  }

  /** `Name.<item>.N.Field` structures as records of their fields (one pass: large lists stay linear). */
  structureList(name: string, itemName = 'member'): { path: string; fields: Record<string, string> }[] {
    const prefix = `${name}.${itemName}.`;
    const byIndex = new Map<number, Record<string, string>>();
    for (const [key, value] of this.#values) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot < 0) continue;
      const index = Number(rest.slice(0, dot));
      const fields = byIndex.get(index) ?? {};
      fields[rest.slice(dot + 1)] = value;
      byIndex.set(index, fields);
    }
    return this.#indices(prefix).map((index) => ({ path: `${prefix}${index}`, fields: byIndex.get(index) ?? {} }));
  }

  #indices(prefix: string): number[] {
    const indices = new Set<number>();
    for (const key of this.#values.keys()) {
      if (!key.startsWith(prefix)) continue;
      const raw = key.slice(prefix.length).split('.')[0] ?? '';
      const index = Number(raw);
      if (!/^\d+$/.test(raw) || index < 1)
        throw faults.invalidParameterValue(`Parameter ${prefix}${raw} is invalid: list indexes start at 1.`);
      indices.add(index);
    }
    const sorted = [...indices].sort((a, b) => a - b);
    sorted.forEach((index, position) => {
      if (index !== position + 1)
        throw faults.invalidParameterValue(
          `Parameter ${prefix}${position + 1} is missing: list indexes must be consecutive.`,
        );
    });
    return sorted;
  }
}
