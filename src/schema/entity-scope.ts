import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ENTITY_SCOPE, requiring } from './authorization.js';
import { builder } from './builder.js';
import { refusedField } from './refusals.js';

/**
 * The entity types carry the read scope (src/schema/authorization.ts), but type scopes are checked
 * field by field, after the entity was loaded: checked here first, so a refused `_entities` costs
 * no AWS call.
 */
export function mayReadEntities(context: GatewayContext, info: GraphQLResolveInfo) {
  return builder.runAuthScopes(context, requiring(ENTITY_SCOPE).authScopes, () => refusedField(context, info));
}
