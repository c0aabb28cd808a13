import { DescribeEventsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
const client = new ElastiCacheClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
client.middlewareStack.add((next) => async (args) => { console.log((args.request as { body: string }).body); throw new Error('stop'); }, { step: 'finalizeRequest' });
await client.send(new DescribeEventsCommand({ StartTime: new Date('2026-11-25T10:12:34.986Z'), EndTime: new Date('2026-11-25T10:12:35.396Z') })).catch(() => undefined);
