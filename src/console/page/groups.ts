import { ConsoleGroupsDocument, type ConsoleGroupsQuery } from '../../../examples/generated/graphql.js';
import type { Outcome } from './api.js';
import type { Api, ConsoleConfig } from './api.js';
import { fill, h } from './dom.js';

/**
 * The region's replication groups with their status and migration phase, read again every poll
 * interval: one listing for every group on the page (the gateway answers it from its read cache
 * and a page of DescribeReplicationGroups), where a subscription per group would be one poll each.
 */
export class GroupsList {
  readonly element: HTMLElement;
  readonly #api: Api;
  readonly #config: ConsoleConfig;
  readonly #region: string;
  readonly #table = h('div', { id: 'groups' });
  readonly #status = h('p', { role: 'status', 'aria-live': 'polite' });
  #timer: number | undefined;

  constructor(api: Api, config: ConsoleConfig, region: string) {
    this.#api = api;
    this.#config = config;
    this.#region = region;
    const regionPicker =
      config.regions.length > 1
        ? h(
            'p',
            {},
            h('label', { for: 'region' }, 'Region '),
            (() => {
              const select = h(
                'select',
                { id: 'region' },
                ...config.regions.map((name) => h('option', { value: name, selected: name === region }, name)),
              );
              select.addEventListener('change', () => (location.href = `/console/${encodeURIComponent(select.value)}`));
              return select;
            })(),
          )
        : null;
    this.element = h(
      'main',
      { id: 'groups-page' },
      h('h1', {}, `Replication groups in ${region}`),
      regionPicker,
      h(
        'p',
        {},
        `Pick a group to migrate into. The list is read again every ${Math.round(config.pollIntervalMs / 1_000)} s.`,
      ),
      this.#status,
      this.#table,
    );
  }

  async start(): Promise<void> {
    await this.#refresh();
    this.#timer = window.setInterval(() => void this.#refresh(), this.#config.pollIntervalMs);
  }

  stop(): void {
    window.clearInterval(this.#timer);
  }

  async #refresh(): Promise<void> {
    const rows: HTMLElement[] = [];
    let after: string | null = null;
    // Every page of the region's groups (100 a page).
    for (let page = 0; page < 20; page++) {
      const answer: Outcome<ConsoleGroupsQuery> = await this.#api.run(ConsoleGroupsDocument, {
        first: 100,
        after,
        region: this.#region,
      });
      if (answer.problem) {
        fill(this.#status, answer.problem.sentence);
        return;
      }
      const listing: ConsoleGroupsQuery['replicationGroups'] = answer.data.replicationGroups;
      for (const { node } of listing?.edges ?? []) {
        const href = `/console/${encodeURIComponent(this.#region)}/${encodeURIComponent(node.replicationGroupId)}`;
        rows.push(
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('a', { href }, node.replicationGroupId)),
            h('td', {}, node.status ?? 'unknown'),
            h('td', {}, (node.migration?.phase ?? 'NONE').toLowerCase().replace(/_/g, ' ')),
            h('td', {}, node.migration?.message ?? ''),
          ),
        );
      }
      if (!listing?.pageInfo.hasNextPage) break;
      after = listing.pageInfo.endCursor;
    }
    fill(this.#status, `${rows.length} groups, read at ${new Date().toLocaleTimeString()}.`);
    fill(
      this.#table,
      h(
        'table',
        {},
        h('caption', {}, 'Replication groups'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Group', 'Status', 'Migration', 'Last migration event'].map((name) => h('th', { scope: 'col' }, name)),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    );
  }
}
