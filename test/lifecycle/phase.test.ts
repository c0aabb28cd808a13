import { describe, expect, it } from 'vitest';
import { eventTexts } from '../../src/rules/event-texts.js';
import { deriveMigrationState } from '../../src/rules/migration-phase.js';

const source = { address: '127.0.0.1', port: 6379 };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));
const event = (minute: number, message: string) => ({
  Date: at(minute),
  Message: message,
  SourceIdentifier: 'g',
  SourceType: 'replication-group' as const,
});

describe('deriveMigrationState', () => {
  it.each([
    ['no events', 'available', [], 'NONE'],
    ['a test running', 'available', [event(1, eventTexts.testMigrationStarted('g', source))], 'TESTING'],
    [
      'a passed test',
      'available',
      [
        event(1, eventTexts.testMigrationStarted('g', source)),
        event(2, eventTexts.testMigrationSucceeded('g', source)),
      ],
      'TEST_SUCCEEDED',
    ],
    [
      'a failed test',
      'available',
      [event(2, eventTexts.testMigrationFailed('g', source, ['source requires AUTH']))],
      'TEST_FAILED',
    ],
    ['a start accepted', 'modifying', [event(3, eventTexts.migrationStarting('g', source))], 'MIGRATING'],
    ['status migrating, whatever the events', 'migrating', [event(1, 'Something unrelated')], 'MIGRATING'],
    [
      'a failed start',
      'available',
      [event(3, eventTexts.migrationStarting('g', source)), event(4, eventTexts.migrationFailed('g', ['x']))],
      'FAILED',
    ],
    [
      'a completed migration',
      'available',
      [event(5, eventTexts.migrationInProgress('g', source)), event(9, eventTexts.completeMigrationSucceeded('g'))],
      'COMPLETED',
    ],
    [
      "AWS's console text for success",
      'available',
      [event(9, 'Migration operation succeeded for replication group g.')],
      'COMPLETED',
    ],
    [
      "AWS's console text for failure",
      'available',
      [event(9, 'Migration operation failed for replication group g.')],
      'FAILED',
    ],
    [
      'unknown texts only',
      'available',
      [event(1, 'Cache node 0001 restarted'), event(2, 'Snapshot succeeded')],
      'NONE',
    ],
    [
      'unknown texts after a known one',
      'available',
      [event(1, eventTexts.testMigrationSucceeded('g', source)), event(2, 'Cache node 0001 restarted')],
      'TEST_SUCCEEDED',
    ],
    [
      'events out of order',
      'available',
      [
        event(2, eventTexts.testMigrationSucceeded('g', source)),
        event(1, eventTexts.testMigrationStarted('g', source)),
      ],
      'TEST_SUCCEEDED',
    ],
    [
      'a new test after a completed migration',
      'available',
      [event(1, eventTexts.completeMigrationSucceeded('g')), event(5, eventTexts.testMigrationStarted('g', source))],
      'TESTING',
    ],
  ] as const)('%s -> %s', (_name, status, events, phase) => {
    expect(deriveMigrationState(status, events).phase).toBe(phase);
  });

  it('carries the deciding event text and date', () => {
    const failed = eventTexts.testMigrationFailed('g', source, [
      'source 127.0.0.1:1 is unreachable (connection refused)',
    ]);
    expect(
      deriveMigrationState('available', [event(1, eventTexts.testMigrationStarted('g', source)), event(2, failed)]),
    ).toEqual({
      phase: 'TEST_FAILED',
      message: failed,
      updatedAt: at(2),
    });
    expect(deriveMigrationState('available', [])).toEqual({ phase: 'NONE', message: null, updatedAt: null });
  });
});
