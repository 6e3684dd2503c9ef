import { type SQL, sql } from 'drizzle-orm';

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * One spelling of a MitID Erhverv identifier: OIO-SAML 3 sends the professional UUID as
 * `urn:uuid:…`, a broker may send the bare UUID, either in any case. A UUID is kept bare and in
 * lower case; anything else (a broker's own subject format) is kept as sent, trimmed.
 */
export function normalizeMitidId(raw: string): string {
  const trimmed = raw.trim();
  const m = UUID.exec(trimmed);
  return m ? m[1]!.toLowerCase() : trimmed;
}

/** True for a UUID, with or without `urn:uuid:`: what an administrator may type. */
export const isMitidUuid = (raw: string) => UUID.test(raw.trim());

/** The same normalisation in SQL, for the professional UUID the Context Handler login stored as it came. */
export const normalizedSql = (column: SQL): SQL => sql`lower(regexp_replace(btrim(${column}), '^urn:uuid:', '', 'i'))`;
