/** The `X-Claimdesk-Signature` of a body: `sha256=` and the hex HMAC-SHA256 of its bytes keyed with the secret. */
import { createHmac } from 'node:crypto';

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
