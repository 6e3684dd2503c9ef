import { randomUUID } from 'node:crypto';
import { REQUEST_KEY_FIELD } from './claim-request.ts';

/**
 * A key made when the form is drawn, so that posting it twice (a double click, a resend after a
 * slow answer) is recognised as one request. A form drawn again after an error keeps its key.
 */
export function RequestKeyField(p: { value?: unknown }): JSX.Element {
  const kept = typeof p.value === 'string' && /^[\w-]{1,200}$/.test(p.value) ? p.value : randomUUID();
  return <input type="hidden" name={REQUEST_KEY_FIELD} value={kept} />;
}
