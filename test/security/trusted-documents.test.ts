import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type TrustedDocumentsConfig } from '../../src/config.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { bearer, post } from '../support/http.js';
import { TestIdentityProvider } from '../support/identity-provider.js';

const MANIFEST = 'examples/generated/persisted-documents.json';
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
const [pageId] =
  Object.entries(manifest).find(([, document]) => document.startsWith('query ReplicationGroupsPage')) ?? [];
const AD_HOC = '{ replicationGroup(replicationGroupId: "orders-cache") { status } }';

/** Sends only an id: `documentId` (codegen's persisted documents) or Apollo's persisted-query hash. */
const byId = (t: TestGateway, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  post(t, undefined, headers, body);

describe('the manifest `npm run codegen` writes', () => {
  it('holds every example operation under the sha256 of its text', () => {
    expect(Object.keys(manifest).length).toBeGreaterThan(5);
    for (const [id, document] of Object.entries(manifest)) {
      expect(id).toBe(`sha256:${createHash('sha256').update(document).digest('hex')}`);
    }
  });
});

describe('TRUSTED_DOCUMENTS on an open gateway', () => {
  let t: TestGateway;
  let config: TrustedDocumentsConfig | null;

  beforeAll(async () => {
    config = loadConfig({ TRUSTED_DOCUMENTS: MANIFEST }).trustedDocuments;
    t = await startTestGateway({ trustedDocuments: config });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => t.endpoint.resetCalls());

  it('runs a trusted document sent by `documentId`, as codegen clients send it', async () => {
    const answer = await byId(t, { documentId: pageId, variables: { first: 2 } });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ replicationGroups: { edges: [{}, {}] } });
  });

  it("runs it by Apollo Client's persisted-query hash (the bare hex)", async () => {
    const hash = (pageId ?? '').replace(/^sha256:/, '');
    const answer = await byId(t, {
      variables: { first: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(answer.body.data).toMatchObject({ replicationGroups: { edges: [{}] } });
  });

  it('refuses ad-hoc documents (403) and unknown ids (400) before any AWS call', async () => {
    const adHoc = await post(t, AD_HOC);
    expect(adHoc.status).toBe(403);
    expect(adHoc.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Only trusted documents run here: send the id of a document of the manifest/),
      extensions: { code: 'PERSISTED_QUERY_ONLY' },
    });
    const unknown = await byId(t, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: 'No trusted document has this id.',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
    expect(t.endpoint.calls).toEqual([]);
  });

  it('says a request names no document when it sends neither an id nor a usable hash', async () => {
    for (const body of [{ variables: {} }, { extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } }]) {
      const answer = await byId(t, body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]).toMatchObject({
        message: 'The request names no document: send `documentId` or a persisted-query hash.',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      });
    }
  });
});

describe('TRUSTED_DOCUMENTS with tokens: ad-hoc documents for holders of the ad-hoc scope', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({
      auth: idp.authConfig(),
      trustedDocuments: loadConfig({
        TRUSTED_DOCUMENTS: MANIFEST,
        TRUSTED_DOCUMENTS_ADHOC_SCOPE: 'elasticache:explore',
      }).trustedDocuments,
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('lets an engineer with the ad-hoc scope explore, and holds everyone else to the manifest', async () => {
    const engineer = await idp.token({ scope: 'elasticache:read elasticache:explore' });
    expect((await post(t, AD_HOC, bearer(engineer))).body).toEqual({
      data: { replicationGroup: { status: 'available' } },
    });
    const frontend = await idp.token({ scope: 'elasticache:read' });
    expect((await post(t, AD_HOC, bearer(frontend))).status).toBe(403);
    const trusted = await byId(t, { documentId: pageId, variables: { first: 1 } }, bearer(frontend));
    expect(trusted.body.errors).toBeUndefined();
    // The token check comes first: no token, no document at all.
    expect((await byId(t, { documentId: pageId })).status).toBe(401);
  });
});
