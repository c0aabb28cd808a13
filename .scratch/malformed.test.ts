import { it } from 'vitest';
import { startTestGateway } from '../test/support/gateway.js';
it('x', async () => {
  const t = await startTestGateway();
  for (const body of ['{"query": "{ replicationGroup(', '{"query": "{ replicationGroup( }"}']) {
    const response = await t.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    console.log(response.status, response.headers.get('content-type'), await response.text());
  }
  await t.close();
});
