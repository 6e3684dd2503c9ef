import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { compliancePackageSupplier, complianceSupplier } from '../schema.ts';

export type SupplierRow = typeof complianceSupplier.$inferSelect & { parentName: string | null; packages: number };

const parent = alias(complianceSupplier, 'parent');

/**
 * Every supplier with its parent's name and how many packages list it, in one statement, in Danish
 * order of names (sorted here: the database's collation may not know Æ, Ø, Å).
 */
export async function listSuppliers(db: Db): Promise<SupplierRow[]> {
  const rows = await db
    .select({
      s: complianceSupplier,
      parentName: parent.name,
      packages: sql<number>`(select count(*) from ${compliancePackageSupplier} where ${compliancePackageSupplier.supplierId} = ${complianceSupplier.id})`.mapWith(Number),
    })
    .from(complianceSupplier)
    .leftJoin(parent, eq(parent.id, complianceSupplier.parentId));
  return rows.map((r) => ({ ...r.s, parentName: r.parentName, packages: r.packages })).sort(byDanishName);
}

export async function loadSupplier(db: Db, supplierId: string): Promise<typeof complianceSupplier.$inferSelect> {
  if (!isUuid(supplierId)) throw notFound('Leverandøren findes ikke.');
  const [row] = await db.select().from(complianceSupplier).where(eq(complianceSupplier.id, supplierId));
  if (!row) throw notFound('Leverandøren findes ikke.');
  return row;
}

/** "Microsoft Ireland (underdatabehandler for Netcompany A/S)": how a supplier reads in a select. */
export const supplierOptionLabel = (s: { name: string; cvr: string; parentName: string | null }) =>
  `${s.name}${s.cvr ? `, CVR ${s.cvr}` : ''}${s.parentName ? ` (underdatabehandler for ${s.parentName})` : ''}`;
