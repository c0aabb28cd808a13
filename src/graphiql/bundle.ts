import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The GraphiQL build that @graphql-yoga/render-graphiql ships: the yoga GraphiQL UMD bundle, its
 * CSS, the Monaco editor workers and the favicon, as strings. The package's own renderer inlines
 * all of them (about 9 MB) into every page; src/graphiql serves them as separate, cacheable,
 * compressed files instead. The package does not export this module, so it is loaded by path
 * from the installed (version-pinned) package.
 */
export interface GraphiQLBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

export function loadGraphiQLBundle(): GraphiQLBundle {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@graphql-yoga/render-graphiql');
  return require(join(dirname(entry), 'graphiql.js')) as GraphiQLBundle;
}
