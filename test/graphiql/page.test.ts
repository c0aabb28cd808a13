import { describe, expect, it } from 'vitest';
import type { AssetSet } from '../../src/graphiql/assets.js';
import { renderGraphiQLPage } from '../../src/graphiql/page.js';

const assets: AssetSet = {
  byPath: new Map(),
  urls: {
    js: '/graphiql/assets/graphiql.aaaaaaaaaaaa.js',
    css: '/graphiql/assets/graphiql.bbbbbbbbbbbb.css',
    favicon: '/graphiql/assets/favicon.cccccccccccc.ico',
    boot: '/graphiql/assets/boot.dddddddddddd.js',
    workers: {
      editorWorkerService: '/graphiql/assets/editor.worker.eeeeeeeeeeee.js',
      json: '/graphiql/assets/json.worker.ffffffffffff.js',
      graphql: '/graphiql/assets/graphql.worker.000000000000.js',
    },
  },
};

function jsonScript(page: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(page);
  if (!match?.[1]) throw new Error(`no ${id} script in the page`);
  return JSON.parse(match[1]);
}

describe('renderGraphiQLPage', () => {
  it('links the assets and hands the options and worker URLs to the boot script', () => {
    const options = { title: 'Gateway', defaultTabs: [{ query: '{ __typename }' }] };
    const page = renderGraphiQLPage(options, assets);
    expect(page).toContain(`<link rel="stylesheet" href="${assets.urls.css}" />`);
    expect(page).toContain(
      `<script src="${assets.urls.js}"></script>\n    <script src="${assets.urls.boot}"></script>`,
    );
    expect(page).toContain(`<link rel="icon" href="${assets.urls.favicon}" />`);
    expect(jsonScript(page, 'graphiql-options')).toEqual(options);
    expect(jsonScript(page, 'graphiql-workers')).toEqual(assets.urls.workers);
  });

  it('cannot be broken out of by an option value', () => {
    const hostile = '</script><script>alert(1)</script>';
    const page = renderGraphiQLPage({ title: hostile, defaultQuery: hostile }, assets);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('<title>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>');
    expect(jsonScript(page, 'graphiql-options')).toEqual({ title: hostile, defaultQuery: hostile });
  });
});
