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
  const scope = rootScopes?.[info.fieldName] ?? ENTITY_SCOPE;
  const error = new ForbiddenError(`${info.parentType.name}.${info.fieldName}`, [scope]);
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
