import { openGraphiQL, runAndReadResult } from '../test/browser/graphiql-page.js';
import { startLocalApp } from '../test/browser/local-app.js';
import { launchOfflineChromium } from '../test/browser/offline-chromium.js';

// `npx tsx scripts/screenshot-graphiql.mts`: regenerates docs/graphiql.png, the README's picture of
// GraphiQL after running the prefilled testMigration against the local endpoint (same app and
// offline browser as test/browser/graphiql.test.ts).
const app = await startLocalApp();
const chromium = await launchOfflineChromium(new URL(app.graphqlUrl).origin, { width: 1400, height: 820 });
try {
  const page = await chromium.openPage();
  await openGraphiQL(page, app.graphqlUrl);
  await runAndReadResult(page, '"TestMigrationSuccess"');
  if (chromium.elsewhere.length) throw new Error(`GraphiQL asked for other hosts: ${chromium.elsewhere.join(', ')}`);
  await page.screenshot({ path: new URL('../docs/graphiql.png', import.meta.url).pathname });
  process.stdout.write('wrote docs/graphiql.png\n');
} finally {
  await chromium.close();
  await app.close();
}
