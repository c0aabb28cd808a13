import type { ArgBuilder } from './builder.js';

/**
 * Where a lookup, a subscription or a mutation acts: `account` (one of AWS_ACCOUNTS) and
 * `region`, each the gateway default when omitted. `what` ends the descriptions: "to look in".
 */
export function locationArgs(arg: ArgBuilder, what: string) {
  return {
    account: arg.string({
      description: `The AWS account ${what} (one of \`accounts\`); the default account when omitted.`,
    }),
    region: arg.string({ description: `The AWS Region ${what}; the gateway default when omitted.` }),
  };
}

/** What a listing reads, in turn: accounts one after the other, each over the regions asked. */
export function locationListArgs(arg: ArgBuilder) {
  return {
    ...locationArgs(arg, 'to list'),
    accounts: arg.stringList({
      description:
        'Several accounts to list one after the other, instead of `account`; a region an account does not serve is left out of it.',
    }),
    regions: arg.stringList({ description: 'Several regions to list one after the other, instead of `region`.' }),
  };
}

/** The sentence listings add to their description. */
export const LISTED_LOCATIONS =
  'over one region of one account (`region`, `account`: the defaults when omitted) or several in turn (`regions`, `accounts`: account by account, each over its regions)';
