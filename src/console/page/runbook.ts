import {
  CompleteMigrationDocument,
  ConsoleGroupChangedDocument,
  ConsoleGroupDocument,
  ConsoleProgressDocument,
  MigrationPreflightDocument,
  MigrationVerificationDocument,
  StartMigrationDocument,
  TestMigrationDocument,
  type ConsoleProgressSubscription,
  type MigrationPreflightQuery,
  type MigrationVerificationQuery,
} from '../../../examples/generated/graphql.js';
import type { Api, Problem } from './api.js';
import { bytes, fill, h } from './dom.js';
import type { Access } from './identity.js';

type StepState = 'to do' | 'running' | 'passed' | 'failed' | 'skipped';
type Progress = ConsoleProgressSubscription['migrationProgress'];
type Checks = Extract<MigrationPreflightQuery['migrationPreflight'], { __typename: 'MigrationPreflight' }>;
type Verification = Extract<
  MigrationVerificationQuery['migrationVerification'],
  { __typename: 'MigrationVerification' }
>;

/** One step of the runbook: its heading with its state in words, what to do next, its own controls and findings. */
class Step {
  readonly section: HTMLElement;
  readonly #state = h('span', { class: 'state' });
  readonly #next = h('p', { class: 'next' });
  readonly #problem = h('p', { class: 'problem', role: 'alert' });
  readonly body = h('div', { class: 'body' });

  constructor(
    readonly number: number,
    readonly title: string,
  ) {
    const heading = h('h2', { id: `step-${number}` }, `${number}. ${title} `, this.#state);
    this.section = h(
      'section',
      { class: 'step', 'aria-labelledby': `step-${number}` },
      heading,
      this.#next,
      this.body,
      this.#problem,
    );
    this.set('to do', '');
  }

  set(state: StepState, next: string): void {
    this.section.dataset['state'] = state.replace(' ', '-');
    fill(this.#state, `(${state})`);
    fill(this.#next, next);
  }

  problem(problem: Problem | string | null): void {
    fill(this.#problem, problem === null ? '' : typeof problem === 'string' ? problem : problem.sentence);
  }
}

/**
 * A group's migration, step by step: source checks, ElastiCache's test, the start, the sync, the
 * verification, the guarded cutover and where the data now lives. Each step says its state and
 * what to do next; every answer the gateway types is a sentence beside its step. The group's
 * status and phase, and the sync, come live from subscriptions.
 */
export class Runbook {
  readonly element: HTMLElement;
  readonly #api: Api;
  readonly #access: Access;
  readonly #region: string;
  readonly #id: string;
  readonly #status = h('span', { class: 'status' });
  readonly #live = h('p', { class: 'live', role: 'status', 'aria-live': 'polite' });
  readonly #steps = {
    source: new Step(1, 'Source'),
    test: new Step(2, "ElastiCache's test"),
    start: new Step(3, 'Start'),
    sync: new Step(4, 'Sync'),
    verify: new Step(5, 'Verify'),
    cutover: new Step(6, 'Cut over'),
    done: new Step(7, 'Done'),
  };
  #group: { status: string | null; phase: string | null; message: string | null } = {
    status: null,
    phase: null,
    message: null,
  };
  #source: { address: string; port: number } | null = null;
  #progress: Progress | null = null;
  #stopProgress: (() => void) | null = null;
  #testing = false;
  #testPassed = false;
  #starting = false;
  #completing = false;
  #verified = false;
  readonly #stops: (() => void)[] = [];

  // Controls that live across renders (typing and focus survive every update).
  readonly #address = h('input', { id: 'source-address', name: 'address', autocomplete: 'off', required: true });
  readonly #port = h('input', {
    id: 'source-port',
    name: 'port',
    type: 'number',
    min: 1,
    max: 65535,
    value: 6379,
    required: true,
  });
  readonly #checkButton = h('button', { type: 'submit' }, 'Check the source');
  readonly #testButton = h('button', { type: 'button' }, 'Run the test');
  readonly #confirm = h('input', { id: 'start-confirm', autocomplete: 'off' });
  readonly #startButton = h('button', { type: 'button', disabled: true }, 'Start the migration');
  readonly #sampleSize = h('input', { id: 'sample-size', type: 'number', min: 1, max: 100000, value: 1000 });
  readonly #verifyButton = h('button', { type: 'button' }, 'Verify the data');
  readonly #cutoverButton = h('button', { type: 'button', disabled: true }, 'Cut over');
  readonly #force = h('input', { id: 'force', type: 'checkbox' });
  readonly #forceConfirm = h('input', { id: 'force-confirm', autocomplete: 'off' });
  readonly #forceButton = h('button', { type: 'button', disabled: true }, 'Force the cutover');
  readonly #checks = h('div', { class: 'checks' });
  readonly #shards = h('div', { class: 'shards' });
  readonly #blockers = h('div', { class: 'blockers' });
  readonly #verification = h('div', { class: 'verification' });
  readonly #endpoint = h('p', { class: 'endpoint' });

  constructor(api: Api, access: Access, region: string, id: string) {
    this.#api = api;
    this.#access = access;
    this.#region = region;
    this.#id = id;
    this.#buildControls();
    const steps = Object.values(this.#steps).map((step) => h('li', {}, step.section));
    this.element = h(
      'main',
      { id: 'runbook' },
      h('p', {}, h('a', { href: '/console' }, '← All replication groups')),
      h('h1', {}, `Migrate into ${id} `, h('span', { class: 'region' }, `(${region})`)),
      h('p', {}, 'Status: ', this.#status),
      this.#live,
      h('ol', { class: 'steps' }, ...steps),
    );
  }

  async start(): Promise<void> {
    const loaded = await this.#api.run(ConsoleGroupDocument, { replicationGroupId: this.#id, region: this.#region });
    if (loaded.problem || !loaded.data.replicationGroup) {
      fill(this.#live, loaded.problem?.sentence ?? `There is no replication group ${this.#id} in ${this.#region}.`);
      return;
    }
    const group = loaded.data.replicationGroup;
    this.#setGroup(group.status, group.migration?.phase ?? null, group.migration?.message ?? null);
    this.#stops.push(
      this.#api.watch(
        ConsoleGroupChangedDocument,
        { replicationGroupId: this.#id, region: this.#region },
        {
          next: ({ replicationGroupChanged: changed }) =>
            this.#setGroup(changed.status, changed.migration?.phase ?? null, changed.migration?.message ?? null),
          problem: (problem) => fill(this.#live, problem.sentence),
          status: (text) => fill(this.#live, text ?? ''),
          // This stream ends only when the gateway goes (a drain): watch again.
          complete: () => true,
        },
      ),
    );
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stopProgress?.();
  }

  #buildControls(): void {
    const { source, test, start, sync, verify, cutover, done } = this.#steps;
    const migrate = this.#access.migrate;
    const form = h(
      'form',
      { class: 'source-form' },
      h('label', { for: 'source-address' }, 'Source address'),
      this.#address,
      h('label', { for: 'source-port' }, 'Source port'),
      this.#port,
      this.#checkButton,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#check();
    });
    source.body.append(form, this.#checks);
    test.body.append(this.#testButton);
    this.#testButton.addEventListener('click', () => void this.#test());
    start.body.append(
      h('label', { for: 'start-confirm' }, `Type ${this.#id} to confirm`),
      this.#confirm,
      this.#startButton,
    );
    this.#confirm.addEventListener('input', () => this.#render());
    this.#startButton.addEventListener('click', () => void this.#startMigration());
    sync.body.append(this.#shards);
    verify.body.append(
      h('label', { for: 'sample-size' }, 'Keys to sample'),
      this.#sampleSize,
      this.#verifyButton,
      this.#verification,
    );
    this.#verifyButton.addEventListener('click', () => void this.#verify());
    const forceRisk = h(
      'p',
      { id: 'force-risk' },
      'Forcing stops the migration without making sure the target has every write: writes still on their way are lost. Type FORCE to confirm.',
    );
    cutover.body.append(
      this.#blockers,
      this.#cutoverButton,
      h('p', {}, this.#force, h('label', { for: 'force' }, ' Force the cutover, skipping the sync check')),
      h(
        'div',
        { class: 'force' },
        forceRisk,
        h('label', { for: 'force-confirm' }, 'Confirmation'),
        this.#forceConfirm,
        this.#forceButton,
      ),
    );
    this.#forceConfirm.setAttribute('aria-describedby', 'force-risk');
    this.#force.addEventListener('change', () => this.#render());
    this.#forceConfirm.addEventListener('input', () => this.#render());
    this.#cutoverButton.addEventListener('click', () => void this.#complete(false));
    this.#forceButton.addEventListener('click', () => void this.#complete(true));
    done.body.append(this.#endpoint);
    for (const control of [
      this.#checkButton,
      this.#testButton,
      this.#startButton,
      this.#verifyButton,
      this.#cutoverButton,
      this.#forceButton,
    ]) {
      if (!migrate.allowed) control.setAttribute('aria-describedby', 'scope-needed');
    }
    if (!migrate.allowed)
      source.body.append(
        h(
          'p',
          { id: 'scope-needed', class: 'scope' },
          `Disabled: these steps need the scope ${migrate.scope}, which your token does not hold.`,
        ),
      );
  }

  #setGroup(status: string | null, phase: string | null, message: string | null): void {
    this.#group = { status, phase, message };
    const said = phase && phase !== 'NONE' ? `; migration: ${phase.toLowerCase().replace(/_/g, ' ')}` : '';
    fill(this.#status, `${status ?? 'unknown'}${said}`);
    if (this.#testing && (phase === 'TEST_SUCCEEDED' || phase === 'TEST_FAILED')) this.#testing = false;
    if (phase === 'TEST_SUCCEEDED') this.#testPassed = true;
    if ((status === 'migrating' || status === 'modifying') && !this.#stopProgress) this.#watchProgress();
    if (this.#starting && status !== 'modifying') this.#starting = false;
    if (this.#completing && status === 'available') this.#completing = false;
    if (status === 'available' && phase === 'COMPLETED') void this.#showEndpoint();
    this.#render();
  }

  #watchProgress(): void {
    this.#stopProgress = this.#api.watch(
      ConsoleProgressDocument,
      { replicationGroupId: this.#id, region: this.#region },
      {
        next: ({ migrationProgress }) => {
          this.#progress = migrationProgress;
          this.#render();
        },
        problem: (problem) => this.#steps.sync.problem(problem),
        status: (text) => fill(this.#live, text ?? ''),
        complete: () => {
          // Ended after its last push (the migration is over), or by a gateway going away: then again.
          if (this.#progress?.done) {
            this.#stopProgress = null;
            this.#render();
            return false;
          }
          return true;
        },
      },
    );
  }

  async #check(): Promise<void> {
    const port = Number(this.#port.value);
    this.#source = { address: this.#address.value.trim(), port };
    const step = this.#steps.source;
    step.problem(null);
    step.set('running', 'Checking the source and the target…');
    const answer = await this.#api.run(MigrationPreflightDocument, {
      input: {
        replicationGroupId: this.#id,
        region: this.#region,
        customerNodeEndpointList: [{ address: this.#source.address, port }],
      },
    });
    fill(this.#checks);
    if (answer.problem) {
      step.problem(answer.problem);
      step.set('failed', 'Fix what is said below, then check again.');
      return;
    }
    const result = answer.data.migrationPreflight;
    if (result.__typename !== 'MigrationPreflight') {
      step.problem(sentenceOf(result));
      step.set('failed', 'Fix what is said below, then check again.');
      return;
    }
    this.#checks.append(
      checksTable('Errors (they stop the migration)', result, 'ERROR'),
      checksTable('Warnings (you may go on)', result, 'WARNING'),
    );
    step.set(
      result.ready ? 'passed' : 'failed',
      result.ready
        ? result.warnings > 0
          ? `Ready, with ${result.warnings} warning${result.warnings === 1 ? '' : 's'}: read them, then run ElastiCache's test.`
          : "Ready: run ElastiCache's test next."
        : 'Fix the failed checks on the source or the target, then check again.',
    );
    this.#render();
  }

  async #test(): Promise<void> {
    if (!this.#source) return;
    this.#steps.test.problem(null);
    this.#testing = true;
    this.#render();
    const answer = await this.#api.run(TestMigrationDocument, {
      input: { replicationGroupId: this.#id, region: this.#region, customerNodeEndpointList: [this.#source] },
    });
    const failure =
      answer.problem ??
      (answer.data.testMigration && answer.data.testMigration.__typename !== 'TestMigrationSuccess'
        ? sentenceOf(answer.data.testMigration)
        : null);
    if (failure) {
      this.#testing = false;
      this.#steps.test.problem(failure);
    }
    this.#render();
  }

  async #startMigration(): Promise<void> {
    if (!this.#source || this.#confirm.value !== this.#id) return;
    this.#steps.start.problem(null);
    this.#starting = true;
    this.#render();
    const answer = await this.#api.run(StartMigrationDocument, {
      input: { replicationGroupId: this.#id, region: this.#region, customerNodeEndpointList: [this.#source] },
    });
    const failure =
      answer.problem ??
      (answer.data.startMigration && answer.data.startMigration.__typename !== 'StartMigrationSuccess'
        ? sentenceOf(answer.data.startMigration)
        : null);
    if (failure) {
      this.#starting = false;
      this.#steps.start.problem(failure);
    }
    this.#render();
  }

  async #verify(): Promise<void> {
    const step = this.#steps.verify;
    step.problem(null);
    step.set('running', 'Comparing a sample of keys on both sides (read-only)…');
    fill(this.#verification);
    const answer = await this.#api.run(MigrationVerificationDocument, {
      input: {
        replicationGroupId: this.#id,
        region: this.#region,
        sampleSize: Number(this.#sampleSize.value),
        ...(this.#source ? { source: this.#source } : {}),
      },
    });
    const result = answer.data?.migrationVerification;
    if (answer.problem || !result || result.__typename !== 'MigrationVerification') {
      step.problem(answer.problem ?? (result ? sentenceOf(result) : 'No answer.'));
      step.set('failed', 'Fix what is said below, then verify again.');
      return;
    }
    this.#verified = result.verdict === 'MATCH';
    this.#verification.append(verificationReport(result));
    step.set(
      result.verdict === 'MATCH' ? 'passed' : 'failed',
      result.verdict === 'MATCH'
        ? 'The sample matches: cut over once the sync allows it.'
        : result.verdict === 'MISMATCH'
          ? 'Keys differ: look at them below before cutting over.'
          : `Not conclusive: ${result.reason ?? 'verify again'}.`,
    );
  }

  async #complete(force: boolean): Promise<void> {
    const step = this.#steps.cutover;
    step.problem(null);
    this.#completing = true;
    this.#render();
    const answer = await this.#api.run(CompleteMigrationDocument, {
      input: { replicationGroupId: this.#id, region: this.#region, force },
    });
    const result = answer.data?.completeMigration;
    if (answer.problem || !result || result.__typename !== 'CompleteMigrationSuccess') {
      this.#completing = false;
      step.problem(answer.problem ?? (result ? sentenceOf(result) : 'No answer.'));
    }
    this.#render();
  }

  async #showEndpoint(): Promise<void> {
    const loaded = await this.#api.run(ConsoleGroupDocument, { replicationGroupId: this.#id, region: this.#region });
    const group = loaded.data?.replicationGroup;
    const endpoint = group?.configurationEndpoint ?? group?.nodeGroups[0]?.primaryEndpoint;
    fill(
      this.#endpoint,
      endpoint?.address
        ? h('span', {}, 'Point your applications at ', h('code', {}, `${endpoint.address}:${endpoint.port}`), '.')
        : 'ElastiCache names no endpoint for the group yet.',
    );
  }

  /** Every step's state and what to do next, from what is known now. */
  #render(): void {
    const { test, start, sync, verify, cutover, done } = this.#steps;
    const { status, phase, message } = this.#group;
    const migrate = this.#access.migrate.allowed;
    const migrating = status === 'migrating';
    const completed = status === 'available' && phase === 'COMPLETED';
    const started = migrating || status === 'modifying' || completed;
    const sourceReady = this.#steps.source.section.dataset['state'] === 'passed';

    this.#checkButton.disabled = !migrate || started;
    if (started && !this.#source)
      this.#steps.source.set('skipped', 'The migration already runs: its source was checked when it started.');

    this.#testButton.disabled = !migrate || !sourceReady || this.#testing || started;
    if (started)
      test.set(
        this.#testPassed ? 'passed' : 'skipped',
        this.#testPassed ? 'The test passed.' : 'The migration already runs.',
      );
    else if (this.#testing)
      test.set('running', 'ElastiCache is testing the connection; its outcome shows here when its event arrives.');
    else if (phase === 'TEST_SUCCEEDED')
      test.set('passed', `${message ?? 'The test succeeded.'} Start the migration next.`);
    else if (phase === 'TEST_FAILED')
      test.set('failed', `${message ?? 'The test failed.'} Fix the cause, then test again.`);
    else
      test.set(
        'to do',
        sourceReady ? 'Ask ElastiCache to test the connection to the source.' : 'Check the source first.',
      );

    this.#startButton.disabled =
      !migrate || !this.#source || started || this.#starting || this.#confirm.value !== this.#id;
    if (completed || migrating) start.set('passed', 'The group replicates from the source.');
    else if (this.#starting || status === 'modifying')
      start.set('running', 'Starting: the group becomes a replica of the source.');
    else if (phase === 'FAILED')
      start.set('failed', `${message ?? 'The migration failed.'} Fix the cause, then start again.`);
    else
      start.set(
        'to do',
        this.#source ? `Type the group's id, ${this.#id}, to confirm, then start.` : 'Check the source first.',
      );

    this.#renderSync(sync, completed);

    this.#verifyButton.disabled = !migrate || (!started && !this.#source);
    if (!this.#verified && verify.section.dataset['state'] === 'to-do')
      verify.set('to do', started ? 'Compare a sample of keys on both sides.' : 'Available once the migration runs.');

    const ready = this.#progress?.readyToComplete === true && migrating;
    this.#cutoverButton.disabled = !migrate || !ready || this.#completing;
    const forcing = this.#force.checked;
    this.#forceConfirm.disabled = !forcing;
    this.#forceButton.disabled =
      !migrate || !forcing || !migrating || this.#completing || this.#forceConfirm.value !== 'FORCE';
    fill(
      this.#blockers,
      migrating && !ready && this.#progress?.blockers.length
        ? h(
            'ul',
            { 'aria-label': 'Why the cutover waits' },
            ...this.#progress.blockers.map((blocker) => h('li', {}, blocker)),
          )
        : null,
    );
    if (completed) cutover.set('passed', 'Cut over: the group is a primary again.');
    else if (this.#completing)
      cutover.set('running', 'Cutting over: the group stops replicating and becomes a primary.');
    else if (ready)
      cutover.set('to do', 'Every shard has been in sync long enough: cut over when your applications are ready.');
    else
      cutover.set(
        'to do',
        migrating ? 'Waits until every shard has been in sync (reasons below).' : 'Available once the migration runs.',
      );

    if (completed) done.set('passed', 'The data lives in the group now.');
    else done.set('to do', 'After the cutover, the endpoint to point applications at shows here.');
  }

  #renderSync(step: Step, completed: boolean): void {
    const progress = this.#progress;
    if (completed) step.set('passed', 'The migration completed.');
    else if (!progress || progress.done) {
      step.set('to do', 'Shows each shard once the migration runs.');
      if (progress?.done) fill(this.#shards);
      return;
    } else if (progress.inSync) step.set('passed', 'Every shard is in sync: verify, then cut over.');
    else step.set('running', 'Data is moving: each shard below.');
    if (!progress || progress.done) return;
    const rows = progress.shards.map((shard) => {
      const total = shard.snapshotBytesTotal;
      const received = shard.snapshotBytesTransferred;
      const percent = total && received !== null ? Math.min(100, Math.round((100 * received) / total)) : null;
      const bar =
        received !== null
          ? h(
              'span',
              {},
              h('progress', {
                max: total ?? undefined,
                value: total ? received : undefined,
                'aria-label': `Snapshot of shard ${shard.nodeGroupId}`,
              }),
              ` ${bytes(received)}${total ? ` of ${bytes(total)} (${percent}%)` : ' received'}`,
            )
          : '—';
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, shard.nodeGroupId),
        h('td', {}, shard.phase.toLowerCase().replace(/_/g, ' ')),
        h('td', {}, bar),
        h('td', {}, shard.bytesBehind === null ? '—' : bytes(shard.bytesBehind)),
        h('td', {}, shard.lagSeconds === null ? '—' : `${shard.lagSeconds} s`),
        h(
          'td',
          {},
          shard.inSync
            ? `in sync since ${new Date(shard.inSyncSince ?? progress.observedAt).toLocaleTimeString()}`
            : 'not in sync',
        ),
      );
    });
    fill(
      this.#shards,
      h(
        'table',
        {},
        h('caption', {}, `Shards, read at ${new Date(progress.observedAt).toLocaleTimeString()}`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Shard', 'Phase', 'Snapshot', 'Behind', 'Lag', 'In sync'].map((name) =>
              h('th', { scope: 'col' }, name),
            ),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    );
  }
}

/** A typed result that is not the success: its message, with the field it names. */
function sentenceOf(result: { __typename: string; message?: string; field?: string }): string {
  const message = result.message ?? `The gateway answered ${result.__typename}.`;
  return result.field ? `${message} (${result.field})` : message;
}

function checksTable(caption: string, result: Checks, severity: 'ERROR' | 'WARNING'): HTMLElement {
  const checks = result.checks.filter((check) => check.severity === severity);
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Requirement'),
        h('th', { scope: 'col' }, 'Result'),
        h('th', { scope: 'col' }, 'Found, and needed'),
      ),
    ),
    h(
      'tbody',
      {},
      ...checks.map((check) =>
        h(
          'tr',
          { class: check.passed ? 'passed' : 'failed' },
          h('th', { scope: 'row' }, check.requirement),
          h('td', {}, check.passed ? 'passed' : 'FAILED'),
          h('td', {}, check.message),
        ),
      ),
    ),
  );
}

function verificationReport(result: Verification): HTMLElement {
  return h(
    'div',
    {},
    h('p', { class: 'verdict' }, `Verdict: ${result.verdict}`, result.reason ? ` — ${result.reason}` : ''),
    h(
      'p',
      {},
      `${result.keysSampled} keys compared in ${result.durationMs} ms: ${result.missingOnTarget} missing, ${result.typeMismatches} of another type, ${result.valueMismatches} with another value, ${result.ttlMismatches} with another TTL, ${result.inFlight} still changing, ${result.comparedByLength} compared by length.`,
    ),
    result.differences.length
      ? h(
          'table',
          {},
          h('caption', {}, 'Keys that differ (the first 20)'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Database'),
              h('th', { scope: 'col' }, 'Key'),
              h('th', { scope: 'col' }, 'How'),
            ),
          ),
          h(
            'tbody',
            {},
            ...result.differences.map((difference) =>
              h(
                'tr',
                {},
                h('td', {}, difference.database),
                h('td', {}, h('code', {}, difference.key)),
                h('td', {}, difference.kind.toLowerCase()),
              ),
            ),
          ),
        )
      : null,
  );
}
