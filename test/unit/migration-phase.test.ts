import { describe, expect, it } from 'vitest';
import { deriveMigrationState, MigrationPhase, phaseOfEvent } from '../../src/rules/migration-phase.js';
import { eventTexts } from '../../src/rules/event-texts.js';

const SOURCE = { address: '10.0.0.5', port: 6379 };

describe('phaseOfEvent: the texts of AWS and of the local endpoint', () => {
  it.each([
    [eventTexts.testMigrationStarted('g', SOURCE), MigrationPhase.TESTING],
    [eventTexts.testMigrationSucceeded('g', SOURCE), MigrationPhase.TEST_SUCCEEDED],
    [eventTexts.testMigrationFailed('g', SOURCE, ['unreachable']), MigrationPhase.TEST_FAILED],
    [eventTexts.migrationStarting('g', SOURCE), MigrationPhase.MIGRATING],
    [eventTexts.migrationInProgress('g', SOURCE), MigrationPhase.MIGRATING],
    [eventTexts.migrationFailed('g', ['link down']), MigrationPhase.FAILED],
    [eventTexts.migrationFailedInvalidRdb('g'), MigrationPhase.FAILED],
    ['Migration operation succeeded for replication group g', MigrationPhase.COMPLETED],
    [eventTexts.completeMigrationSucceeded('g'), MigrationPhase.COMPLETED],
    [eventTexts.completeMigrationFailed('g', 'offset behind'), MigrationPhase.FAILED],
    ['complete migration FAILED for g', MigrationPhase.FAILED],
  ])('%s -> %s', (message, phase) => {
    expect(phaseOfEvent(message)).toBe(phase);
  });

  it('skips texts it does not know, and texts that only contain a known one', () => {
    expect(phaseOfEvent(eventTexts.replicationGroupCreated('g'))).toBeNull();
    expect(phaseOfEvent('Note: Complete Migration successful for g')).toBeNull();
    expect(phaseOfEvent('Test migrations started')).toBeNull();
  });
});

describe('deriveMigrationState', () => {
  const at = (seconds: number, message: string) => ({ Date: new Date(seconds * 1_000), Message: message });

  it('the newest recognised event decides, whatever order the events come in', () => {
    const events = [
      at(3, eventTexts.completeMigrationFailed('g', 'behind')),
      at(1, eventTexts.migrationStarting('g', SOURCE)),
      at(2, eventTexts.replicationGroupCreated('g')),
    ];
    expect(deriveMigrationState('available', events)).toEqual({
      phase: MigrationPhase.FAILED,
      message: eventTexts.completeMigrationFailed('g', 'behind'),
      updatedAt: new Date(3_000),
    });
    expect(deriveMigrationState('available', [at(1, eventTexts.completeMigrationSucceeded('g'))]).phase).toBe(
      MigrationPhase.COMPLETED,
    );
  });

  it('status migrating is MIGRATING whatever the events say, citing the newest recognised one', () => {
    const events = [
      at(1, eventTexts.testMigrationSucceeded('g', SOURCE)),
      at(2, eventTexts.migrationStarting('g', SOURCE)),
    ];
    expect(deriveMigrationState('migrating', events)).toEqual({
      phase: MigrationPhase.MIGRATING,
      message: eventTexts.migrationStarting('g', SOURCE),
      updatedAt: new Date(2_000),
    });
    expect(deriveMigrationState('migrating', [])).toEqual({
      phase: MigrationPhase.MIGRATING,
      message: null,
      updatedAt: null,
    });
  });

  it('no recognised event is NONE', () => {
    expect(
      deriveMigrationState('available', [{ Date: new Date(2_000) }, at(1, 'Replication group g created.')]),
    ).toEqual({
      phase: MigrationPhase.NONE,
      message: null,
      updatedAt: null,
    });
  });
});
