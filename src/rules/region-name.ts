/** AWS Region names: us-east-1, eu-central-2, us-gov-west-1, ... */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isRegionName(value: string): boolean {
  return value.length <= 32 && REGION_NAME.test(value);
}
