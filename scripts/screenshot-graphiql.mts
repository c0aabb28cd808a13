import { launchChromium, openGraphiQL, runAndReadResult, serveGatewayWithGraphiQL } from '../test/support/browser.js';

// `npx tsx scripts/screenshot-graphiql.ts`: regenerates docs/graphiql.png, the README's picture of
// GraphiQL after running the prefilled testMigration against the local endpoint.
const served = await serveGatewayWithGraphiQL();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  await openGraphiQL(page, served.origin);
  await runAndReadResult(page, '"TestMigrationSuccess"');
  await page.screenshot({ path: new URL('../docs/graphiql.png', import.meta.url).pathname });
  process.stdout.write('wrote docs/graphiql.png\n');
} finally {
  await browser.close();
  await served.close();
}
