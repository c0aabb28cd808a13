import type { SendInterceptor } from '../../src/aws/clients.js';

/**
 * An interceptor on the data layer's path (ElastiCacheClients.send) recording each AWS call's
 * operation once it settles: answered, failed or cancelled. Tests wait on it to know a call a
 * subscription's end cancelled is over.
 */
export function settledCalls(): { settled: string[]; interceptor: SendInterceptor } {
  const settled: string[] = [];
  return {
    settled,
    interceptor: async (call, proceed) => {
      try {
        return await proceed();
      } finally {
        settled.push(call.operation);
      }
    },
  };
}
