export { startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions, type RecordedCall } from './server.js';
export type { FaultInjector, FaultRule } from './fault-injector.js';
export { eventTexts, type SourceEndpoint } from '../rules/event-texts.js';
export { DOCUMENTED_CREDENTIALS, type LocalCredentials } from './signature.js';
