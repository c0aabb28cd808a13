import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

/**
 * The floor `npm run bench:floor` compares the gateway with: graphql-yoga with its defaults, a
 * one-field schema and a subscription that pushes once and then stays open (SSE), nothing else.
 * Prints `listening <url>` when it serves.
 */
const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { ok: Boolean } type Subscription { status: String }',
    resolvers: {
      Query: { ok: () => true },
      Subscription: {
        status: {
          async *subscribe() {
            yield { status: 'available' };
            // Open until the client goes: yoga ends the generator then.
            await new Promise(() => undefined);
          },
        },
      },
    },
  }),
  logging: false,
  // YOGA_BODY_LIMIT=off: without yoga's request-body limit, which pipes every body through a
  // counting web stream (the gateway bounds bodies its own way: src/http-guards.ts, useBodyLimit).
  ...(process.env.YOGA_BODY_LIMIT === 'off' ? { maxRequestBodySize: false as const } : {}),
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
