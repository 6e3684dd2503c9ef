import { and, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, notFound, parseInput, type FieldErrors } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { loadChoices } from '../choices.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { complianceActivity, complianceActivityData, complianceActivityLegalBasis, complianceActivitySubject } from '../schema.ts';
import { activityInput, checkKeys, type ActivityInput } from './activity-input.ts';
import { lockDraft } from './lock-draft.ts';

export type SaveActivityResult = { id: string; ref: string; created: boolean };

type Keys = { legalBases: string[]; dataSubjects: string[]; personalData: string[] };

async function keysOf(tx: Db, activityId: string): Promise<Keys> {
  const bases = await tx.select({ k: complianceActivityLegalBasis.basisKey }).from(complianceActivityLegalBasis).where(eq(complianceActivityLegalBasis.activityId, activityId));
  const subjects = await tx.select({ k: complianceActivitySubject.subjectKey }).from(complianceActivitySubject).where(eq(complianceActivitySubject.activityId, activityId));
  const data = await tx.select({ k: complianceActivityData.dataKey }).from(complianceActivityData).where(eq(complianceActivityData.activityId, activityId));
  const sorted = (rows: { k: string }[]) => rows.map((r) => r.k).sort();
  return { legalBases: sorted(bases), dataSubjects: sorted(subjects), personalData: sorted(data) };
}

const added = (before: string[], after: string[]) => after.filter((k) => !before.includes(k));
const removed = (before: string[], after: string[]) => before.filter((k) => !after.includes(k));

/**
 * Changes the chosen keys by difference, not by replacing them: removing a category drops its
 * column G links (the foreign keys cascade), while a category that stays keeps its links.
 */
async function syncKeys(tx: Db, activityId: string, before: Keys, after: Keys): Promise<void> {
  const gone = (k: 'legalBases' | 'dataSubjects' | 'personalData') => removed(before[k], after[k]);
  const fresh = (k: 'legalBases' | 'dataSubjects' | 'personalData') => added(before[k], after[k]);
  if (gone('legalBases').length > 0)
    await tx.delete(complianceActivityLegalBasis).where(and(eq(complianceActivityLegalBasis.activityId, activityId), inArray(complianceActivityLegalBasis.basisKey, gone('legalBases'))));
  if (gone('dataSubjects').length > 0)
    await tx.delete(complianceActivitySubject).where(and(eq(complianceActivitySubject.activityId, activityId), inArray(complianceActivitySubject.subjectKey, gone('dataSubjects'))));
  if (gone('personalData').length > 0)
    await tx.delete(complianceActivityData).where(and(eq(complianceActivityData.activityId, activityId), inArray(complianceActivityData.dataKey, gone('personalData'))));
  if (fresh('legalBases').length > 0) await tx.insert(complianceActivityLegalBasis).values(fresh('legalBases').map((basisKey) => ({ activityId, basisKey })));
  if (fresh('dataSubjects').length > 0) await tx.insert(complianceActivitySubject).values(fresh('dataSubjects').map((subjectKey) => ({ activityId, subjectKey })));
  if (fresh('personalData').length > 0) await tx.insert(complianceActivityData).values(fresh('personalData').map((dataKey) => ({ activityId, dataKey })));
}

const fieldsOf = (input: ActivityInput) => ({
  ref: input.ref,
  name: input.name,
  purpose: input.purpose,
  legalBasisNote: input.legalBasisNote,
  recipients: input.recipients,
  thirdCountries: input.thirdCountries,
  transferBasisKey: input.transferBasis,
  retentionKey: input.retention,
  deletion: input.deletion,
});

/**
 * Creates (activityId null) or changes a processing activity of a draft package, with its legal
 * bases and categories, in one audited transaction. Every field is checked before anything is
 * written, the keys against the choice lists. The same request twice (a double click, a client's
 * retry) saves once and answers both alike.
 */
export async function saveActivity(ctx: Ctx & { actor: Actor }, packageId: string, activityId: string | null, raw: unknown, clientKey?: string): Promise<SaveActivityResult> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  if (activityId !== null && !isUuid(activityId)) throw notFound('Behandlingsaktiviteten findes ikke.');
  assertDraft(pkg);
  const input = parseInput(activityInput, raw);
  const errors: FieldErrors = {};
  checkKeys(await loadChoices(ctx.db), input, errors);
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const identity = requestIdentity('compliance-activity', ctx.actor.userId, clientKey, { packageId, activityId, input });

  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<SaveActivityResult>(tx, identity, ctx.now);
    if (first) return { ...first, created: false };
    await lockDraft(tx, pkg.id, ctx.now);
    const sameRef = await tx
      .select({ id: complianceActivity.id, ref: complianceActivity.ref })
      .from(complianceActivity)
      .where(eq(complianceActivity.packageId, pkg.id));
    const taken = sameRef.find((a) => a.id !== activityId && a.ref.toLowerCase() === input.ref.toLowerCase());
    if (taken) {
      throw conflict(`Nummeret ${input.ref} er allerede brugt i pakken.`, { ref: `${taken.ref} er allerede nummeret på en anden behandlingsaktivitet i pakken; vælg et andet` });
    }

    let id: string;
    let before: (ReturnType<typeof fieldsOf> & Keys) | null = null;
    let keysBefore: Keys = { legalBases: [], dataSubjects: [], personalData: [] };
    if (activityId === null) {
      const [last] = await tx.select({ sort: max(complianceActivity.sort) }).from(complianceActivity).where(eq(complianceActivity.packageId, pkg.id));
      const [row] = await tx
        .insert(complianceActivity)
        .values({ packageId: pkg.id, ...fieldsOf(input), sort: (last?.sort ?? 0) + 1 })
        .returning({ id: complianceActivity.id });
      id = row!.id;
    } else {
      const [old] = await tx.select().from(complianceActivity).where(and(eq(complianceActivity.id, activityId), eq(complianceActivity.packageId, pkg.id)));
      if (!old) throw notFound('Behandlingsaktiviteten findes ikke.');
      id = old.id;
      keysBefore = await keysOf(tx, id);
      before = {
        ref: old.ref,
        name: old.name,
        purpose: old.purpose,
        legalBasisNote: old.legalBasisNote,
        recipients: old.recipients,
        thirdCountries: old.thirdCountries,
        transferBasisKey: old.transferBasisKey,
        retentionKey: old.retentionKey,
        deletion: old.deletion,
        ...keysBefore,
      };
      await tx.update(complianceActivity).set(fieldsOf(input)).where(eq(complianceActivity.id, id));
    }
    const keysAfter: Keys = { legalBases: input.legalBases, dataSubjects: input.dataSubjects, personalData: input.personalData };
    await syncKeys(tx, id, keysBefore, keysAfter);
    await recordAudit(tx, ctx, {
      action: 'compliance.activity_saved',
      entityType: 'compliance_activity',
      entityId: id,
      before,
      after: { packageId: pkg.id, ...fieldsOf(input), ...keysAfter },
    });
    return answerRequest(tx, identity, { id, ref: input.ref, created: activityId === null });
  });
}
