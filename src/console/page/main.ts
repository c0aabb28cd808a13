import { Api, type ConsoleConfig } from './api.js';
import { h } from './dom.js';
import { GroupsList } from './groups.js';
import { identity } from './identity.js';
import { Runbook } from './runbook.js';

/**
 * The migration console: `/console` lists the region's groups, `/console/<region>/<group>` is a
 * group's runbook. The gateway serves this page and answers its GraphQL on the same origin.
 */
const config = JSON.parse(document.getElementById('console-config')?.textContent ?? '{}') as ConsoleConfig;
const api = new Api(config);
const who = identity(config);
const [, , region, group] = location.pathname.split('/').map(decodeURIComponent);
const view = group
  ? new Runbook(api, who.access, region ?? '', group)
  : new GroupsList(api, config, region || (config.regions[0] ?? ''));
document.body.replaceChildren(
  h('header', {}, h('p', { class: 'brand' }, 'ElastiCache migration console'), who.element),
  view.element,
);
void view.start();
