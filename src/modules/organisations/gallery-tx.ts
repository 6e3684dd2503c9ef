import { and, eq, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../db/client.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { authorize } from './policy.ts';
import { municipality, person } from '../../platform/identity/schema.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';

/**
 * Every write to a municipality's gallery runs here: the policy is checked, then the
 * municipality row is locked so concurrent writes (two admins, a double click, an import) are
 * serialised and rules such as "one primary" and "at most two recipients" hold under load.
 */
export async function inGalleryTx<T>(
  ctx: Ctx & { actor: Actor },
  municipalityCode: string,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  authorize(ctx.actor, 'manage', municipalityCode);
  return ctx.db.transaction(async (tx) => {
    const locked = await rawRows<{ code: string }>(tx, sql`select code from ${municipality} where code = ${municipalityCode} for update`);
    if (locked.length === 0) throw notFound();
    return fn(tx);
  });
}

export async function findPersonIn(tx: Db, municipalityCode: string, personId: string) {
  if (!isUuid(personId)) throw notFound('Personen findes ikke.');
  const [row] = await tx
    .select()
    .from(person)
    .where(and(eq(person.id, personId), eq(person.municipalityCode, municipalityCode)));
  if (!row) throw notFound('Personen findes ikke.');
  return row;
}

// Shared by every module; kept importable from here for the gallery's own files.
export { isUniqueViolation } from '../../platform/unique-violation.ts';
