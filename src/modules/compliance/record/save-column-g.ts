import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound, parseInput, type FieldErrors } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { loadChoices } from '../choices.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { complianceActivity, complianceActivityData, complianceActivitySubject, complianceColumnG } from '../schema.ts';
import { lockDraft } from './lock-draft.ts';

/** Column G as a whole: for each personal-data category, the data-subject categories it concerns. */
export const columnGInput = z
  .array(
    z.object({
      personalData: z.string({ message: 'Angiv kategorien af personoplysninger' }),
      dataSubjects: z.array(z.string({ message: 'Kategorierne af registrerede skal være nøgler' }), { message: 'Angiv kategorierne af registrerede som en liste' }),
    }),
    { message: 'Kolonne G skal være en liste' },
  )
  .max(500, 'Kolonne G har for mange rækker')
  .meta({ id: 'ComplianceColumnG' });

export type ColumnG = z.output<typeof columnGInput>;

/** The grid's checkboxes: each ticked cell is "<personal-data key>|<data-subject key>". */
export const CELL_FIELD = 'cell';
export const cellValue = (dataKey: string, subjectKey: string) => `${dataKey}|${subjectKey}`;

/** The grid's form as column G: one entry per personal-data category with a ticked cell. */
export function columnGFromForm(body: Record<string, string | string[]>): ColumnG {
  const cells = [body[CELL_FIELD] ?? []].flat();
  const byData = new Map<string, string[]>();
  for (const c of cells) {
    const [d, s] = c.split('|');
    if (!d || !s) continue;
    byData.set(d, [...(byData.get(d) ?? []), s]);
  }
  return [...byData].map(([personalData, dataSubjects]) => ({ personalData, dataSubjects }));
}

/**
 * Replaces an activity's column G in one audited transaction. A link must join two categories
 * chosen on the activity; any other is refused (422) and nothing changes. The same grid sent twice
 * saves once.
 */
export async function saveColumnG(ctx: Ctx & { actor: Actor }, packageId: string, activityId: string, raw: unknown, clientKey?: string): Promise<{ links: number }> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg);
  if (!isUuid(activityId)) throw notFound('Behandlingsaktiviteten findes ikke.');
  const input = parseInput(columnGInput, raw);
  const links = [...new Set(input.flatMap((g) => g.dataSubjects.map((s) => `${g.personalData}|${s}`)))].map((l) => l.split('|') as [string, string]);
  const identity = requestIdentity('compliance-column-g', ctx.actor.userId, clientKey, { packageId, activityId, links: [...links].sort() });

  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ links: number }>(tx, identity, ctx.now);
    if (first) return first;
    await lockDraft(tx, pkg.id, ctx.now);
    const [activity] = await tx
      .select({ id: complianceActivity.id })
      .from(complianceActivity)
      .where(and(eq(complianceActivity.id, activityId), eq(complianceActivity.packageId, pkg.id)));
    if (!activity) throw notFound('Behandlingsaktiviteten findes ikke.');
    const data = new Set((await tx.select({ k: complianceActivityData.dataKey }).from(complianceActivityData).where(eq(complianceActivityData.activityId, activityId))).map((r) => r.k));
    const subjects = new Set(
      (await tx.select({ k: complianceActivitySubject.subjectKey }).from(complianceActivitySubject).where(eq(complianceActivitySubject.activityId, activityId))).map((r) => r.k),
    );
    const errors: FieldErrors = {};
    const choices = await loadChoices(tx);
    const badData = [...new Set(links.map(([d]) => d).filter((d) => !data.has(d)))];
    const badSubjects = [...new Set(links.map(([, s]) => s).filter((s) => !subjects.has(s)))];
    if (badData.length > 0) {
      errors.personalData = `Ikke valgt på aktiviteten: ${badData.map((d) => choices.label('personal-data', d)).join(', ')}. Vælg kategorien på aktiviteten først.`;
    }
    if (badSubjects.length > 0) {
      errors.dataSubjects = `Ikke valgt på aktiviteten: ${badSubjects.map((s) => choices.label('data-subject', s)).join(', ')}. Vælg kategorien på aktiviteten først.`;
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);

    const before = await tx.select({ d: complianceColumnG.dataKey, s: complianceColumnG.subjectKey }).from(complianceColumnG).where(eq(complianceColumnG.activityId, activityId));
    await tx.delete(complianceColumnG).where(eq(complianceColumnG.activityId, activityId));
    if (links.length > 0) await tx.insert(complianceColumnG).values(links.map(([dataKey, subjectKey]) => ({ activityId, dataKey, subjectKey })));
    const shape = (pairs: [string, string][]) =>
      [...new Set(pairs.map(([d]) => d))].sort().map((d) => ({ personalData: d, dataSubjects: pairs.filter(([pd]) => pd === d).map(([, s]) => s).sort() }));
    await recordAudit(tx, ctx, {
      action: 'compliance.column_g_saved',
      entityType: 'compliance_activity',
      entityId: activityId,
      before: shape(before.map((r) => [r.d, r.s])),
      after: shape(links),
    });
    return answerRequest(tx, identity, { links: links.length });
  });
}
