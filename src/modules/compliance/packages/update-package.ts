import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, parseInput } from '../../../platform/errors.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { loadRiskScales } from '../risk-scales.ts';
import { compliancePackage, complianceRisk } from '../schema.ts';

export const updatePackageInput = z
  .object({
    introduction: z
      .string({ message: 'Introduktionen skal være tekst' })
      .optional()
      .transform((s) => (s ?? '').trim())
      .pipe(z.string().max(20_000, 'Introduktionen må højst være 20.000 tegn')),
    scaleKey: z.string({ message: 'Vælg en risikoskala' }).trim().min(1, 'Vælg en risikoskala').max(100, 'Vælg en risikoskala fra listen'),
  })
  .meta({ id: 'CompliancePackageUpdateInput' });

export const updatePackageLabels: Record<string, string> = { introduction: 'Introduktion', scaleKey: 'Risikoskala' };

/**
 * Edits a draft's introduction and the risk scale its risks are assessed on, audited with before
 * and after. A scale whose axes are shorter than a risk's values already given is refused: every
 * risk must keep a cell in the new matrix.
 */
export async function updatePackage(ctx: Ctx & { actor: Actor }, packageId: string, raw: unknown): Promise<{ changed: boolean }> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg.facts);
  const input = parseInput(updatePackageInput, raw);
  const scale = (await loadRiskScales(ctx.db)).find((s) => s.key === input.scaleKey);
  if (!scale) throw invalid({ scaleKey: 'Vælg en risikoskala fra listen' });
  if (input.scaleKey !== pkg.scaleKey) {
    const [max] = await ctx.db
      .select({
        likelihood: sql<number>`coalesce(max(greatest(${complianceRisk.likelihood}, ${complianceRisk.residualLikelihood})), 0)`,
        consequence: sql<number>`coalesce(max(greatest(${complianceRisk.consequence}, ${complianceRisk.residualConsequence})), 0)`,
      })
      .from(complianceRisk)
      .where(eq(complianceRisk.packageId, pkg.id));
    if (Number(max?.likelihood ?? 0) > scale.likelihoods.length || Number(max?.consequence ?? 0) > scale.consequences.length) {
      throw invalid({
        scaleKey: `Pakkens risici bruger værdier, som ${scale.name} ikke har (sandsynlighed op til ${scale.likelihoods.length}, konsekvens op til ${scale.consequences.length}). Ret risiciene først.`,
      });
    }
  }
  const before = { introduction: pkg.introduction, scaleKey: pkg.scaleKey };
  if (before.introduction === input.introduction && before.scaleKey === input.scaleKey) return { changed: false };
  await ctx.db.transaction(async (tx) => {
    // Checked again under the row lock: a package published meanwhile is no longer edited.
    const [row] = await tx.select({ status: compliancePackage.status }).from(compliancePackage).where(eq(compliancePackage.id, pkg.id)).for('update');
    assertDraft({ status: row!.status });
    await tx.update(compliancePackage).set({ introduction: input.introduction, scaleKey: input.scaleKey, updatedAt: ctx.now }).where(eq(compliancePackage.id, pkg.id));
    await recordAudit(tx, ctx, { action: 'compliance.package_updated', entityType: 'compliance_package', entityId: pkg.id, before, after: input });
  });
  return { changed: true };
}
