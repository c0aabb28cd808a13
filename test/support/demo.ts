/** Facts of the local endpoint's demo data (src/local/seed.ts) that client tests assert on. */
export const ORDERS_ARN = 'arn:aws:elasticache:us-east-1:000000000000:replicationgroup:orders-cache';

/** The Redis every machine here runs, as a migration source. */
export const LOCAL_REDIS = [{ address: '127.0.0.1', port: 6379 }];
