import { getArgumentValues, type GraphQLResolveInfo } from 'graphql';
import { auditMutation, type AuditedInput } from '../audit/mutation-audit.js';
import type { GatewayContext } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { ENTITY_SCOPE, ROOT_FIELD_SCOPES } from './authorization.js';

/**
 * The error of a field the caller's token has no scope for (scope-auth calls this instead of the
 * resolver). A refused mutation is audited like any other.
 */
export function refusedField(context: GatewayContext, info: GraphQLResolveInfo): Error {
  const rootScopes = ROOT_FIELD_SCOPES[info.parentType.name as keyof typeof ROOT_FIELD_SCOPES] as
    Record<string, string> | undefined;
  // Entities (`_entities`, or a type's own fields) need ENTITY_SCOPE; a root field missing from
  // the table is open to nobody (deny by default, authorization.ts).
  const listed = rootScopes === undefined || info.fieldName === '_entities' ? ENTITY_SCOPE : rootScopes[info.fieldName];
  const scopes = listed === undefined ? [] : [listed];
  const error = new ForbiddenError(`${info.parentType.name}.${info.fieldName}`, scopes);
  if (info.parentType === info.schema.getMutationType()) {
    const field = info.parentType.getFields()[info.fieldName];
    const node = info.fieldNodes[0];
    const args = field && node ? getArgumentValues(field, node, info.variableValues) : {};
    auditMutation(context, {
      operation: info.fieldName,
      input: (args.input ?? {}) as AuditedInput,
      outcome: 'refused',
      result: 'FORBIDDEN',
    });
  }
  return error;
}
