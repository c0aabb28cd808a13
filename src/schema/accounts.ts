import type { ServedAccount } from '../aws/clients.js';
import { accessTo, ENTITY_SCOPE, requiring } from './authorization.js';
import { builder } from './builder.js';
import { mayReadEntities } from './entity-scope.js';

/*
 * The AWS accounts one gateway serves (AWS_ACCOUNTS), each through a role it assumes: what the
 * `account` and `accounts` arguments take. An account is an entity keyed by its id: other
 * subgraphs of the supergraph (billing, IAM, an inventory) know accounts and extend them.
 */

const AwsAccount = builder.objectRef<ServedAccount>('AwsAccount').implement({
  ...requiring(ENTITY_SCOPE),
  description: 'An AWS account this gateway serves: its resources are read (and migrated) through a role it assumes.',
  fields: (t) => ({
    accountId: t.exposeString('accountId', {
      description:
        "The 12-digit account id, as `account` arguments take it; null on a gateway without AWS_ACCOUNTS, which serves its credentials' own account.",
    }),
    name: t.exposeString('name', {
      description: 'What the platform team calls it (AWS_ACCOUNTS `name`; the id when none was given).',
    }),
    regions: t.exposeStringList('regions', {
      nullable: false,
      description: 'The AWS Regions served in this account.',
    }),
  }),
});

builder.queryField('accounts', (t) =>
  t.field({
    ...accessTo('Query', 'accounts'),
    type: [AwsAccount],
    nullable: false,
    description: 'The AWS accounts this gateway serves, the default (of every `account` argument) first.',
    resolve: (_root, _args, context) => context.clients.accounts,
  }),
);

builder.asEntity(AwsAccount, {
  key: builder.selection<{ accountId: string }>('accountId'),
  resolveReference: async ({ accountId }, context, info) => {
    await mayReadEntities(context, info);
    return context.clients.account(accountId) ?? null;
  },
});
