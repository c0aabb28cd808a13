import type {
  Authentication as SdkAuthentication,
  UserGroupPendingChanges as SdkUserGroupPendingChanges,
} from '@aws-sdk/client-elasticache';
import { locationKey } from '../aws/location-key.js';
import { resourceReader } from '../aws/resources.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { builder } from './builder.js';
import { ReplicationGroup } from './replication-group.js';
import { loadedList } from './resource-links.js';
import { resourceType } from './resource-type.js';

/*
 * Role-based access control: users (DescribeUsers) and user groups (DescribeUserGroups), every
 * member of both SDK shapes, linked both ways and to the replication groups that use them.
 */

const Authentication = builder.objectRef<SdkAuthentication>('ElastiCacheAuthentication').implement({
  description: 'How a user authenticates.',
  fields: (t) => ({
    type: t.exposeString('Type', { description: 'password, no-password or iam.' }),
    passwordCount: t.exposeInt('PasswordCount', { description: 'How many passwords the user has (up to 2).' }),
  }),
});

const UserGroupPendingChanges = builder.objectRef<SdkUserGroupPendingChanges>('UserGroupPendingChanges').implement({
  description: 'Users about to join or leave a user group.',
  fields: (t) => ({
    userIdsToRemove: t.stringList({
      nullable: false,
      description: 'Users about to leave; empty when none.',
      resolve: (changes) => changes.UserIdsToRemove ?? [],
    }),
    userIdsToAdd: t.stringList({
      nullable: false,
      description: 'Users about to join; empty when none.',
      resolve: (changes) => changes.UserIdsToAdd ?? [],
    }),
  }),
});

export const User = resourceType({
  reader: resourceReader(RESOURCE_KINDS.user),
  description: 'A user of role-based access control: who may run which commands on which keys.',
  idField: { name: 'userId', description: 'The id of the user.' },
  lookup: { field: 'user', description: 'One user by id (case-insensitive), or null.' },
  listing: { field: 'users', description: 'Users.' },
  fields: (t) => ({
    userName: t.exposeString('UserName', { description: 'The user name clients AUTH with.' }),
    status: t.exposeString('Status', { description: 'active, modifying or deleting.' }),
    engine: t.exposeString('Engine', { description: 'The engine: valkey or redis.' }),
    minimumEngineVersion: t.exposeString('MinimumEngineVersion', {
      description: 'The oldest engine version the user works with.',
    }),
    accessString: t.exposeString('AccessString', {
      description: 'The user\'s permissions in ACL syntax, e.g. "on ~orders:* +@read".',
    }),
    userGroupIds: t.stringList({
      nullable: false,
      description: 'The user groups the user is in; empty when none.',
      resolve: (user) => user.UserGroupIds ?? [],
    }),
    authentication: t.expose('Authentication', { type: Authentication, description: 'How the user authenticates.' }),
  }),
});

export const UserGroup = resourceType({
  reader: resourceReader(RESOURCE_KINDS.userGroup),
  description: 'A user group of role-based access control: the users a replication group or serverless cache admits.',
  idField: { name: 'userGroupId', description: 'The id of the user group.' },
  lookup: { field: 'userGroup', description: 'One user group by id (case-insensitive), or null.' },
  listing: { field: 'userGroups', description: 'User groups.' },
  fields: (t) => ({
    status: t.exposeString('Status', { description: 'active, creating, modifying or deleting.' }),
    engine: t.exposeString('Engine', { description: 'The engine: valkey or redis.' }),
    userIds: t.stringList({
      nullable: false,
      description: 'The users in the group; empty when none.',
      resolve: (group) => group.UserIds ?? [],
    }),
    minimumEngineVersion: t.exposeString('MinimumEngineVersion', {
      description: 'The oldest engine version the group works with.',
    }),
    pendingChanges: t.expose('PendingChanges', {
      type: UserGroupPendingChanges,
      description: 'Users about to join or leave.',
    }),
    replicationGroupIds: t.stringList({
      nullable: false,
      description:
        'The ids of the replication groups that use this user group (the `ReplicationGroups` member); empty when none.',
      resolve: (group) => group.ReplicationGroups ?? [],
    }),
    serverlessCacheNames: t.stringList({
      nullable: false,
      description:
        'The names of the serverless caches that use this user group (the `ServerlessCaches` member); empty when none.',
      resolve: (group) => group.ServerlessCaches ?? [],
    }),
    users: loadedList(t, User, {
      description: 'The users in the group.',
      keysOf: (group) => (group.UserIds ?? []).map((id) => locationKey(group.location, id)),
    }),
    replicationGroups: loadedList(t, ReplicationGroup, {
      description: 'The replication groups that use this user group.',
      keysOf: (group) => (group.ReplicationGroups ?? []).map((id) => locationKey(group.location, id)),
    }),
  }),
});

builder.objectField(User, 'userGroups', (t) =>
  loadedList(t, UserGroup, {
    description: 'The user groups the user is in.',
    keysOf: (user) => (user.UserGroupIds ?? []).map((id) => locationKey(user.location, id)),
  }),
);

builder.objectField(ReplicationGroup, 'userGroups', (t) =>
  loadedList(t, UserGroup, {
    description: 'The user groups (RBAC) of the replication group.',
    keysOf: (group) => (group.UserGroupIds ?? []).map((id) => locationKey(group.location, id)),
  }),
);
