import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { assertDraft } from '../policy.ts';
import { compliancePackage } from '../schema.ts';

/**
 * Locks the package for a write to its record and checks, under the lock, that it is still a draft:
 * a write that raced a publishing waits for it and is then refused, so published content never
 * changes. Marks the package as changed.
 */
export async function lockDraft(tx: Db, packageId: string, now: Date): Promise<void> {
  const [p] = await tx.select({ status: compliancePackage.status }).from(compliancePackage).where(eq(compliancePackage.id, packageId)).for('update');
  if (!p) throw notFound('Compliancepakken findes ikke.');
  assertDraft(p);
  await tx.update(compliancePackage).set({ updatedAt: now }).where(eq(compliancePackage.id, packageId));
}
