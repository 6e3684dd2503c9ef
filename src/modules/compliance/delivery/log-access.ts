import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { isCentral, type Actor } from '../../../platform/context.ts';
import type { PackageRow } from '../load-package.ts';
import { complianceAccess, compliancePackageTarget } from '../schema.ts';

/**
 * Logs a municipal recipient's view of a package page or download of one of its files (central
 * staff's reading is not logged: the log is the municipality's record of its own access). The
 * first view also marks the package as opened for the municipality.
 *
 * Not audited: this is a log of its own, shown to the municipality and to KOMBIT. It is written
 * before the page is answered and a failure fails the page: the municipality is promised that
 * every access is logged, so nothing is shown that was not.
 */
export async function logAccess(db: Db, actor: Actor, pkg: PackageRow, kind: 'view' | 'download', file = ''): Promise<void> {
  const code = actor.municipalityCode;
  if (isCentral(actor) || code === null) return;
  await db.insert(complianceAccess).values({ packageId: pkg.id, municipalityCode: code, personId: actor.personId, kind, file });
  // Only the first access sets it; a concurrent first access finds it set and changes nothing.
  await db
    .update(compliancePackageTarget)
    .set({ firstOpenedAt: sql`now()` })
    .where(and(eq(compliancePackageTarget.packageId, pkg.id), eq(compliancePackageTarget.municipalityCode, code), isNull(compliancePackageTarget.firstOpenedAt)));
}
