import { type SQL, sql } from 'drizzle-orm';
import { isUuid } from '../../../platform/http/page-schemas.ts';

const PREFIX = /^urn:uuid:/i;

const bare = (raw: string) => raw.trim().replace(PREFIX, '');

/** True for a UUID, with or without `urn:uuid:`: what an administrator may type. */
export const isMitidUuid = (raw: string) => isUuid(bare(raw));

/**
 * One spelling of a MitID Erhverv identifier: OIO-SAML 3 sends the professional UUID as
 * `urn:uuid:…`, a broker may send the bare UUID, either in any case. A UUID is kept bare and in
 * lower case; anything else (a broker's own subject format) is kept as sent, trimmed.
 */
export function normalizeMitidId(raw: string): string {
  return isMitidUuid(raw) ? bare(raw).toLowerCase() : raw.trim();
}

/** The same normalisation in SQL, for the professional UUID the Context Handler login stored as it came. */
export const normalizedSql = (column: SQL): SQL => sql`lower(regexp_replace(btrim(${column}), '^urn:uuid:', '', 'i'))`;
