import { readFileSync, writeFileSync } from 'node:fs';
import { settingsTable } from '../src/settings.js';

/**
 * `npm run docs:settings`: prints the table of every setting (src/settings.ts) into
 * docs/configuration.md, between its markers. test/config.test.ts fails when the committed table
 * differs from what this prints.
 */
export const SETTINGS_DOC = new URL('../docs/configuration.md', import.meta.url);
export const START = '<!-- settings:start (npm run docs:settings) -->';
export const END = '<!-- settings:end -->';

export function withSettingsTable(markdown: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md lacks the markers ${START} ... ${END}`);
  return `${markdown.slice(0, start + START.length)}\n${settingsTable()}\n${markdown.slice(end)}`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  writeFileSync(SETTINGS_DOC, withSettingsTable(readFileSync(SETTINGS_DOC, 'utf8')));
  process.stdout.write('wrote the settings table of docs/configuration.md\n');
}
