/** The parts of an ARN, `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string | undefined | null): ParsedArn | null {
  if (!arn) return null;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const [, partition = '', service = '', region = '', accountId = '', ...resource] = parts;
  return { partition, service, region, accountId, resource: resource.join(':') };
}
