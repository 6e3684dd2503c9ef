import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, parseInput, type FieldErrors } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { loadChoices } from '../choices.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { compliancePackage, compliancePackageRight } from '../schema.ts';
import { lockDraft } from './lock-draft.ts';

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} skal være tekst` })
    .max(max, `${label} må højst være ${max} tegn`)
    .optional()
    .transform((s) => (s ?? '').trim());

/** "Principper og rettigheder": the principles, the security measures and how each right is handled. */
export const rightsInput = z
  .object({
    principles: text(20_000, 'Principperne'),
    securityMeasures: text(20_000, 'Sikkerhedsforanstaltningerne'),
    rights: z
      .array(z.object({ right: z.string({ message: 'Angiv rettigheden' }), handling: text(5000, 'Beskrivelsen') }), { message: 'Rettighederne skal være en liste' })
      .optional()
      .transform((r) => r ?? []),
  })
  .meta({ id: 'ComplianceRightsInput' });

export type RightsInput = z.output<typeof rightsInput>;

/** The form's field for a right's handling. */
export const rightField = (key: string) => `ret-${key}`;

/** The form as the use case's input: one field per right of the choice list. */
export function rightsFromForm(body: Record<string, string | string[]>, rightKeys: string[]): Record<string, unknown> {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('\n') : (v ?? ''));
  return {
    principles: one(body.principles),
    securityMeasures: one(body.securityMeasures),
    rights: rightKeys.map((right) => ({ right, handling: one(body[rightField(right)]) })),
  };
}

/**
 * Saves a draft's principles, security measures and the handling of each data-subject right in one
 * audited transaction. A right not on the choice list is refused (422) and nothing changes; a
 * right with no text is not described. The same form sent twice saves once.
 */
export async function saveRights(ctx: Ctx & { actor: Actor }, packageId: string, raw: unknown, clientKey?: string): Promise<{ rights: number }> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg);
  const input = parseInput(rightsInput, raw);
  const known = new Set((await loadChoices(ctx.db)).right.map((r) => r.key));
  const errors: FieldErrors = {};
  const unknown = input.rights.filter((r) => !known.has(r.right)).map((r) => r.right);
  if (unknown.length > 0) errors.rights = `Ukendt rettighed: ${unknown.join(', ')}`;
  const seen = new Set<string>();
  for (const r of input.rights) {
    if (seen.has(r.right)) errors.rights ??= `Rettigheden ${r.right} er angivet to gange`;
    seen.add(r.right);
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const described = input.rights.filter((r) => r.handling !== '');
  const identity = requestIdentity('compliance-rights', ctx.actor.userId, clientKey, { packageId, input });

  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ rights: number }>(tx, identity, ctx.now);
    if (first) return first;
    await lockDraft(tx, pkg.id, ctx.now);
    const before = await tx
      .select({ right: compliancePackageRight.rightKey, handling: compliancePackageRight.handling })
      .from(compliancePackageRight)
      .where(eq(compliancePackageRight.packageId, pkg.id));
    await tx.update(compliancePackage).set({ principles: input.principles, securityMeasures: input.securityMeasures }).where(eq(compliancePackage.id, pkg.id));
    await tx.delete(compliancePackageRight).where(eq(compliancePackageRight.packageId, pkg.id));
    if (described.length > 0) await tx.insert(compliancePackageRight).values(described.map((r) => ({ packageId: pkg.id, rightKey: r.right, handling: r.handling })));
    await recordAudit(tx, ctx, {
      action: 'compliance.rights_saved',
      entityType: 'compliance_package',
      entityId: pkg.id,
      before: { principles: pkg.principles, securityMeasures: pkg.securityMeasures, rights: before },
      after: { principles: input.principles, securityMeasures: input.securityMeasures, rights: described },
    });
    return answerRequest(tx, identity, { rights: described.length });
  });
}
