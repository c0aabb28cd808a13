/** The URL with any user and password masked: it goes to the log (a Redis or collector URL may carry a password). */
export function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return url;
  parsed.username = parsed.username ? '***' : '';
  parsed.password = parsed.password ? '***' : '';
  return parsed.toString();
}
