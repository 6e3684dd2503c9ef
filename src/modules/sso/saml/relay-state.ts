import { safeNext } from '../../../platform/http/request-context.ts';

/**
 * The RelayState carries the local page to return to. SAML's bindings allow 80 bytes, and the
 * Redirect binding signs the URL-encoded text, which node-saml and the IdP must encode alike:
 * a path with other characters than these (or a longer one) returns to the front page instead.
 */
export function relayStateFor(next: unknown): string {
  const target = safeNext(next);
  return target.length <= 80 && /^[A-Za-z0-9/\-._?=&%]*$/.test(target) ? target : '/';
}
