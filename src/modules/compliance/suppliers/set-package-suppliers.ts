import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { compliancePackage, compliancePackageSupplier, complianceSupplier } from '../schema.ts';

type ActorCtx = Ctx & { actor: Actor };

export const MAX_PACKAGE_SUPPLIERS = 500;

export const packageSuppliersInput = z.object({
  supplierIds: z
    .array(z.string({ message: 'Vælg leverandører fra listen' }).refine(isUuid, 'Vælg leverandører fra listen'), { message: 'Angiv leverandørerne som en liste' })
    .max(MAX_PACKAGE_SUPPLIERS, `Højst ${MAX_PACKAGE_SUPPLIERS} leverandører i en pakke`),
});

export const packageSuppliersBody = z
  .object({ supplierIds: z.array(z.string()).describe('Alle pakkens leverandører; dem, der ikke er med, fjernes fra pakken (ikke fra leverandørregistret)') });

export type PackageSuppliersOutcome = {
  supplierIds: string[];
  added: string[];
  removed: string[];
  changed: boolean;
  /** Sub-processors now in the package whose processor is not: allowed, but worth a look. */
  withoutParent: { id: string; name: string; parentName: string }[];
};

/**
 * Changes which suppliers a draft package lists, in one transaction with the package row locked, so
 * two authors' changes queue up and a package published meanwhile is refused. Audited only when
 * something changed; the same change again (a double click) is no change. The input is read after
 * the policy (`next` parses it), so a caller who may not know the package learns nothing from a 422.
 */
async function changePackageSuppliers(ctx: ActorCtx, packageId: string, next: (current: string[]) => string[]): Promise<PackageSuppliersOutcome> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg.facts);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: compliancePackage.status }).from(compliancePackage).where(eq(compliancePackage.id, pkg.id)).for('update');
    if (!locked) throw conflict('Compliancepakken findes ikke længere.');
    assertDraft(locked);
    const current = (await tx.select({ id: compliancePackageSupplier.supplierId }).from(compliancePackageSupplier).where(eq(compliancePackageSupplier.packageId, pkg.id))).map(
      (r) => r.id,
    );
    const wanted = [...new Set(next(current))];
    const known = wanted.length === 0 ? [] : await tx.select({ id: complianceSupplier.id }).from(complianceSupplier).where(inArray(complianceSupplier.id, wanted));
    if (known.length !== wanted.length) throw invalid({ supplierIds: 'Vælg leverandører fra listen; en af dem findes ikke' });
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    if (added.length > 0) await tx.insert(compliancePackageSupplier).values(added.map((supplierId) => ({ packageId: pkg.id, supplierId })));
    if (removed.length > 0) {
      await tx.delete(compliancePackageSupplier).where(and(eq(compliancePackageSupplier.packageId, pkg.id), inArray(compliancePackageSupplier.supplierId, removed)));
    }
    const changed = added.length > 0 || removed.length > 0;
    if (changed) {
      await tx.update(compliancePackage).set({ updatedAt: ctx.now }).where(eq(compliancePackage.id, pkg.id));
      await recordAudit(tx, ctx, {
        action: 'compliance.package_suppliers_changed',
        entityType: 'compliance_package',
        entityId: pkg.id,
        before: { supplierIds: current },
        after: { supplierIds: wanted, added, removed },
      });
    }
    return { supplierIds: wanted, added, removed, changed, withoutParent: await subProcessorsWithoutParent(tx, wanted) };
  });
}

async function subProcessorsWithoutParent(tx: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: complianceSupplier.id, name: complianceSupplier.name, parentId: complianceSupplier.parentId })
    .from(complianceSupplier)
    .where(inArray(complianceSupplier.id, ids));
  const parentIds = [...new Set(rows.map((r) => r.parentId).filter((p): p is string => p !== null && !ids.includes(p)))];
  if (parentIds.length === 0) return [];
  const parents = await tx.select({ id: complianceSupplier.id, name: complianceSupplier.name }).from(complianceSupplier).where(inArray(complianceSupplier.id, parentIds));
  const nameOf = new Map(parents.map((p) => [p.id, p.name]));
  return rows.filter((r) => r.parentId !== null && nameOf.has(r.parentId)).map((r) => ({ id: r.id, name: r.name, parentName: nameOf.get(r.parentId!)! }));
}

/** The API's write: the package lists exactly these suppliers. */
export async function setPackageSuppliers(ctx: ActorCtx, packageId: string, raw: unknown): Promise<PackageSuppliersOutcome> {
  return changePackageSuppliers(ctx, packageId, () => parseInput(packageSuppliersInput, raw).supplierIds);
}

const oneSupplier = z.object({ supplierId: z.string({ message: 'Vælg en leverandør' }).refine(isUuid, 'Vælg en leverandør fra listen') });

/** The page's "Tilføj": one more supplier from the master data. */
export async function addPackageSupplier(ctx: ActorCtx, packageId: string, raw: unknown): Promise<PackageSuppliersOutcome> {
  return changePackageSuppliers(ctx, packageId, (current) => [...current, parseInput(oneSupplier, raw).supplierId]);
}

/** The page's "Fjern": the supplier leaves the package, not the master data. */
export async function removePackageSupplier(ctx: ActorCtx, packageId: string, supplierId: string): Promise<PackageSuppliersOutcome> {
  return changePackageSuppliers(ctx, packageId, (current) => current.filter((id) => id !== supplierId));
}
