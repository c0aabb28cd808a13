
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "CompleteMigrationPayload": [
      "CompleteMigrationSuccess",
      "ElastiCacheInvalidInputError",
      "InvalidReplicationGroupStateFault",
      "MigrationNotInSync",
      "MigrationProgressUnavailable",
      "ReplicationGroupNotFoundFault",
      "ReplicationGroupNotUnderMigrationFault"
    ],
    "ElastiCacheError": [
      "ElastiCacheInvalidInputError",
      "ElastiCacheInvalidParameterValueException",
      "InvalidReplicationGroupStateFault",
      "MigrationNotInSync",
      "MigrationProgressUnavailable",
      "MigrationSourceUnreachable",
      "MigrationTargetUnreachable",
      "ReplicationGroupAlreadyUnderMigrationFault",
      "ReplicationGroupNotFoundFault",
      "ReplicationGroupNotUnderMigrationFault"
    ],
    "MigrationPreflightPayload": [
      "ElastiCacheInvalidInputError",
      "MigrationPreflight",
      "ReplicationGroupNotFoundFault"
    ],
    "MigrationVerificationPayload": [
      "ElastiCacheInvalidInputError",
      "MigrationSourceUnreachable",
      "MigrationTargetUnreachable",
      "MigrationVerification",
      "ReplicationGroupNotFoundFault"
    ],
    "Node": [
      "CacheCluster",
      "CacheParameterGroup",
      "CacheSubnetGroup",
      "ElastiCacheSnapshot",
      "ElastiCacheUser",
      "GlobalReplicationGroup",
      "ReplicationGroup",
      "ServerlessCache",
      "ServerlessCacheSnapshot",
      "UserGroup"
    ],
    "StartMigrationPayload": [
      "ElastiCacheInvalidInputError",
      "ElastiCacheInvalidParameterValueException",
      "InvalidReplicationGroupStateFault",
      "ReplicationGroupAlreadyUnderMigrationFault",
      "ReplicationGroupNotFoundFault",
      "StartMigrationSuccess"
    ],
    "TestMigrationPayload": [
      "ElastiCacheInvalidInputError",
      "ElastiCacheInvalidParameterValueException",
      "InvalidReplicationGroupStateFault",
      "ReplicationGroupAlreadyUnderMigrationFault",
      "ReplicationGroupNotFoundFault",
      "TestMigrationSuccess"
    ],
    "_Entity": [
      "AwsAccount",
      "CacheCluster",
      "CacheParameterGroup",
      "CacheSubnetGroup",
      "ElastiCacheSnapshot",
      "ElastiCacheUser",
      "GlobalReplicationGroup",
      "ReplicationGroup",
      "ServerlessCache",
      "ServerlessCacheSnapshot",
      "UserGroup"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "CompleteMigrationPayload": [
      "CompleteMigrationSuccess",
      "ElastiCacheInvalidInputError",
      "InvalidReplicationGroupStateFault",
      "MigrationNotInSync",
      "MigrationProgressUnavailable",
      "ReplicationGroupNotFoundFault",
      "ReplicationGroupNotUnderMigrationFault"
    ],
    "ElastiCacheError": [
      "ElastiCacheInvalidInputError",
      "ElastiCacheInvalidParameterValueException",
      "InvalidReplicationGroupStateFault",
      "MigrationNotInSync",
      "MigrationProgressUnavailable",
      "MigrationSourceUnreachable",
      "MigrationTargetUnreachable",
      "ReplicationGroupAlreadyUnderMigrationFault",
      "ReplicationGroupNotFoundFault",
      "ReplicationGroupNotUnderMigrationFault"
    ],
    "MigrationPreflightPayload": [
      "ElastiCacheInvalidInputError",
      "MigrationPreflight",
      "ReplicationGroupNotFoundFault"
    ],
    "MigrationVerificationPayload": [
      "ElastiCacheInvalidInputError",
      "MigrationSourceUnreachable",
      "MigrationTargetUnreachable",
      "MigrationVerification",
      "ReplicationGroupNotFoundFault"
    ],
    "Node": [
      "CacheCluster",
      "CacheParameterGroup",
      "CacheSubnetGroup",
      "ElastiCacheSnapshot",
      "ElastiCacheUser",
      "GlobalReplicationGroup",
      "ReplicationGroup",
      "ServerlessCache",
      "ServerlessCacheSnapshot",
      "UserGroup"
    ],
    "StartMigrationPayload": [
      "ElastiCacheInvalidInputError",
      "ElastiCacheInvalidParameterValueException",
      "InvalidReplicationGroupStateFault",
      "ReplicationGroupAlreadyUnderMigrationFault",
      "ReplicationGroupNotFoundFault",
      "StartMigrationSuccess"
    ],
    "TestMigrationPayload": [
      "ElastiCacheInvalidInputError",
      "ElastiCacheInvalidParameterValueException",
      "InvalidReplicationGroupStateFault",
      "ReplicationGroupAlreadyUnderMigrationFault",
      "ReplicationGroupNotFoundFault",
      "TestMigrationSuccess"
    ],
    "_Entity": [
      "AwsAccount",
      "CacheCluster",
      "CacheParameterGroup",
      "CacheSubnetGroup",
      "ElastiCacheSnapshot",
      "ElastiCacheUser",
      "GlobalReplicationGroup",
      "ReplicationGroup",
      "ServerlessCache",
      "ServerlessCacheSnapshot",
      "UserGroup"
    ]
  }
};
      export default result;
    