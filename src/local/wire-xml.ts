import { NormalizedSchema } from '@smithy/core/schema';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * Serializes SDK-shaped objects into the AWS Query protocol's XML, driven by the SDK's own runtime
 * schemas. The schemas carry the list item element names (`<MemberClusters><ClusterId>`,
 * `<NodeGroups><NodeGroup>`, ...) the SDK's parser expects: it silently drops items with any other
 * name, so taking them from the parser's own source means they cannot drift.
 */

export const XMLNS = 'http://elasticache.amazonaws.com/doc/2015-02-02/';

export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [element: string]: XmlNode;
}
/** The content of a `<…Result>` element. */
export type XmlResult = XmlObject;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: true,
});

export type ShapeSchema = Parameters<typeof NormalizedSchema.of>[0];

/** `value` (an SDK output object) as builder nodes, by its structure schema. */
export function shapeToXml(schema: ShapeSchema, value: object): XmlObject {
  const normalized = NormalizedSchema.of(schema);
  const out: XmlObject = {};
  const record = value as Record<string, unknown>;
  for (const [member, memberSchema] of normalized.structIterator()) {
    const memberValue = record[member];
    if (memberValue === undefined || memberValue === null) continue;
    const element = memberSchema.getMergedTraits().xmlName ?? member;
    out[element] = valueToXml(memberSchema, memberValue);
  }
  return out;
}

function valueToXml(schema: NormalizedSchema, value: unknown): XmlNode {
  if (schema.isListSchema()) {
    const itemSchema = schema.getValueSchema();
    const itemName = itemSchema.getMergedTraits().xmlName ?? 'member';
    const items = (value as unknown[]).map((item) => valueToXml(itemSchema, item));
    // An empty list is an empty element, as AWS sends it (`<UserGroupIds/>`).
    return items.length === 0 ? '' : { [itemName]: items };
  }
  if (schema.isStructSchema()) return shapeToXml(schema, value as object);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A whole success response: `<XResponse><XResult>…</XResult><ResponseMetadata>`, in ElastiCache's
 * namespace or another service's (STS).
 */
export function successXml(action: string, result: XmlObject, requestId: string, xmlns = XMLNS): string {
  return builder.build({
    [`${action}Response`]: {
      '@_xmlns': xmlns,
      [`${action}Result`]: result,
      ResponseMetadata: { RequestId: requestId },
    },
  }) as string;
}

export interface WireError {
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
}

export function errorXml(error: WireError, requestId: string, xmlns = XMLNS): string {
  return builder.build({
    ErrorResponse: {
      '@_xmlns': xmlns,
      Error: { Type: error.type, Code: error.code, Message: error.message },
      RequestId: requestId,
    },
  }) as string;
}

/** A list of shapes as the content of a result member, e.g. `<ReplicationGroups><ReplicationGroup>…`. */
export function shapeListToXml(itemName: string, schema: ShapeSchema, items: readonly object[]): XmlNode {
  return items.length === 0 ? '' : { [itemName]: items.map((item) => shapeToXml(schema, item)) };
}
