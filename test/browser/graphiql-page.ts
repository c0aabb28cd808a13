import type { Page } from 'playwright-core';

const WORKER_SCRIPT = /\/graphiql\/assets\/(editor|json|graphql)\.worker\.[0-9a-f]+\.js$/;
const TIMEOUT_MS = 60_000;

/**
 * Loads (or reloads) GraphiQL at `graphqlUrl` and waits until it is fully up: editors shown,
 * schema fetched, and Monaco's three editor workers loaded (they start after the page's load event).
 */
export async function openGraphiQL(page: Page, graphqlUrl: string, how: 'goto' | 'reload' = 'goto'): Promise<void> {
  const workersLoaded = new Set<string>();
  let allWorkersLoaded: () => void = () => undefined;
  const workersDone = new Promise<void>((resolve) => (allWorkersLoaded = resolve));
  const onFinished = (request: { url(): string }) => {
    const worker = WORKER_SCRIPT.exec(request.url())?.[1];
    if (worker) workersLoaded.add(worker);
    if (workersLoaded.size === 3) allWorkersLoaded();
  };
  page.context().on('requestfinished', onFinished);
  const introspection = page.waitForResponse(
    (response) => response.url() === graphqlUrl && response.request().method() === 'POST',
    {
      timeout: TIMEOUT_MS,
    },
  );
  // Awaited below; this only keeps a failed navigation from leaving it rejected and unhandled.
  introspection.catch(() => undefined);
  try {
    if (how === 'goto') await page.goto(graphqlUrl, { waitUntil: 'load', timeout: TIMEOUT_MS });
    else await page.reload({ waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.locator('.graphiql-execute-button').first().waitFor({ timeout: TIMEOUT_MS });
    await introspection;
    await withTimeout(
      workersDone,
      TIMEOUT_MS,
      `Monaco's workers did not all load (got ${[...workersLoaded].join(', ') || 'none'})`,
    );
  } finally {
    page.context().off('requestfinished', onFinished);
  }
}

/** Replaces the text of the headers editor (GraphiQL opens with it shown). */
export async function setHeaders(page: Page, headersJson: string): Promise<void> {
  await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
  await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)').click();
  await page.keyboard.press('ControlOrMeta+A');
  // insertText, not type: Monaco would close the braces and quotes a second time.
  await page.keyboard.insertText(headersJson);
}

/** Runs the active tab's operation, waits until the result pane shows `expected`, returns its text (spaces folded: Monaco renders non-breaking ones). */
export async function runAndReadResult(page: Page, expected: string): Promise<string> {
  const result = page.locator('.result-window');
  // Right after a tab switch GraphiQL may still hold the previous tab's operation name and
  // answers "Cannot infer operation" without sending anything: run again once it has caught up.
  for (let attempt = 1; ; attempt++) {
    await page.locator('.graphiql-execute-button').first().click();
    const outcome = await Promise.race([
      result
        .getByText(expected)
        .first()
        .waitFor({ timeout: TIMEOUT_MS })
        .then(() => 'done' as const),
      result
        .getByText('Cannot infer operation')
        .first()
        .waitFor({ timeout: TIMEOUT_MS })
        .then(() => 'stale' as const),
    ]);
    if (outcome === 'done' || attempt === 5) break;
    await page.waitForTimeout(200);
  }
  await result.getByText(expected).first().waitFor({ timeout: 1_000 });
  return (await result.innerText()).replace(/\s+/g, ' ');
}

/** Resolves once `read()` has not changed for `quietMs`: the browser has stopped fetching. */
export async function whenSteady(read: () => number, quietMs = 750, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  throw new Error(`still fetching after ${timeoutMs} ms`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
