import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Where the console test writes its screenshots (ignored by git; the README shows one of them). */
export const SCREENSHOTS = 'test-results/console';

/** The accessible name of the focused element, as a keyboard user hears it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const labelled = (element as HTMLInputElement).labels?.[0]?.textContent;
    return (element.getAttribute('aria-label') ?? labelled ?? element.textContent ?? '').trim();
  });
}

/**
 * Tabs (forward, from where the focus is, round the page's end) until the control named `name`
 * has the focus: keyboard only.
 */
export async function tabTo(page: Page, name: string, most = 150): Promise<void> {
  for (let press = 0; press < most; press++) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`no control named "${name}" is reachable with Tab`);
}

/** Tabs to a field and types into it, replacing what it held. */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tabs to a button and presses Enter; waits for it to be enabled first. */
export async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  await tabTo(page, name);
  await page.keyboard.press('Enter');
}

/** The state a runbook step says, e.g. `passed`. */
export async function stepState(page: Page, title: string): Promise<string> {
  const heading = page.getByRole('heading', { name: new RegExp(`^\\d\\. ${title} \\(`) });
  return ((await heading.textContent()) ?? '').replace(/^.*\(([^)]+)\)\s*$/, '$1');
}

export async function untilStep(page: Page, title: string, state: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let seen = ''; (seen = await stepState(page, title)) !== state;) {
    if (Date.now() > deadline) throw new Error(`step "${title}" stayed "${seen}", never "${state}"`);
    await page.waitForTimeout(100);
  }
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Injected as the test's own code, not the page's: the page's CSP governs its scripts only.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((violation) => ({ ...violation, nodes: violation.nodes.length }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes} nodes): ${violation.help}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
