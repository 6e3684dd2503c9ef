import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { answerStep, taskStep, taskTarget } from '../../tasks/index.ts';
import { applyConfigChanges, type EntryChange } from '../apply-changes.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { assessmentDecisions, bbAssessmentNumber, bbConfigEntry, type AssessmentDecision } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';
import { normaliseKle } from '../visibility/kle-number.ts';
import { loadAssessment } from './load-assessment.ts';

export type Decision = { kle: string; decision: AssessmentDecision; note: string | undefined };
export type DecisionOutcome = { changed: number; decided: number; total: number; stepCompleted: boolean };

export const NOT_READY_REASON = 'Vurdering: ikke klar til visning for unge';
export const READY_AGAIN_REASON = 'Vurdering: klar til visning for unge efter at have været ikke klar';
const MAX_NOTE = 1000;

type Listed = { kle: string; decision: AssessmentDecision | null; note: string };

/** The request's decisions against the municipality's listed numbers, every problem keyed by its number. */
function parseDecisions(raw: unknown, listed: ReadonlyMap<string, Listed>): Decision[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid({ beslutninger: 'Vælg klar til visning eller ikke klar for mindst ét KLE-nummer' });
  const errors: FieldErrors = {};
  const out = new Map<string, Decision>();
  raw.forEach((item: unknown, i) => {
    const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const kle = typeof o.kle === 'string' ? normaliseKle(o.kle) : null;
    const key = kle ? `kle-${kle}` : `beslutninger.${i}`;
    if (!kle) return void (errors[key] = 'Angiv et KLE-nummer, fx 27.12.04');
    if (!listed.has(kle)) return void (errors[key] = `${kle} er ikke med i kommunens udtræk`);
    if (out.has(kle)) return void (errors[key] = `${kle} er vurderet to gange i samme indsendelse`);
    if (typeof o.decision !== 'string' || !(assessmentDecisions as readonly string[]).includes(o.decision)) {
      return void (errors[key] = `Vælg klar til visning eller ikke klar for ${kle}`);
    }
    if (o.note !== undefined && o.note !== null && typeof o.note !== 'string') return void (errors[key] = 'Noten skal være tekst');
    const note = typeof o.note === 'string' ? o.note.replace(/\r\n/g, '\n').trim() : undefined;
    if (note !== undefined && note.length > MAX_NOTE) return void (errors[key] = `Noten må højst være ${MAX_NOTE} tegn`);
    out.set(kle, { kle, decision: o.decision as AssessmentDecision, note });
  });
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Vurderingen er ikke gemt. Ret fejlene og prøv igen.');
  return [...out.values()];
}

/**
 * "Ikke klar" writes youth Nej on the number; "klar" after "ikke klar" takes that Nej away again,
 * so the number inherits youth once more (Ja unless its group says otherwise). A first "klar"
 * leaves the configuration as it is: every configuration is Ja for youth from the start.
 */
async function configurationChanges(tx: Db, code: string, close: string[], reopen: string[]): Promise<{ close: EntryChange[]; reopen: EntryChange[] }> {
  const numbers = [...close, ...reopen];
  if (numbers.length === 0) return { close: [], reopen: [] };
  const entries = new Map(
    (
      await tx
        .select({ kle: bbConfigEntry.kle, settings: bbConfigEntry.settings })
        .from(bbConfigEntry)
        .where(and(eq(bbConfigEntry.municipalityCode, code), inArray(bbConfigEntry.kle, numbers)))
        // Locked before the new entries are built from them: a bulk edit committing in between would otherwise be written back.
        .for('update')
    ).map((r) => [r.kle, r.settings]),
  );
  const withoutYouth = (s: Partial<KleSettings>): Partial<KleSettings> | null => {
    const { youth: _youth, ...rest } = s;
    return Object.keys(rest).length > 0 ? rest : null;
  };
  return {
    close: close.map((kle) => ({ kle, settings: { ...(entries.get(kle) ?? {}), youth: false } })),
    reopen: reopen.flatMap((kle) => {
      const s = entries.get(kle);
      return s?.youth === false ? [{ kle, settings: withoutYouth(s) }] : [];
    }),
  };
}

/**
 * A municipality's decisions on numbers of its extract: saved, with youth set to Nej in its
 * configuration for those not ready (kind "vurdering", through applyConfigChanges) and audited, all
 * in one transaction; when every listed number is decided, the municipality's step of the KLIK task
 * is completed through the tasks module in the same transaction, so the task shows løst. The same
 * decisions again change nothing. Its keepers decide; its other users and central staff 403,
 * another municipality 404; a closed task 409.
 */
export async function decideNumbers(ctx: Ctx & { actor: Actor }, id: string, code: string, raw: unknown, clientKey: string | undefined): Promise<DecisionOutcome> {
  // Who may not decide for the municipality learns nothing about the assessment (the check needs no row).
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
  const assessment = await loadAssessment(ctx.db, id);
  if (assessment.task.status === 'closed') throw conflict('Opgaven er lukket, så vurderingen kan ikke længere ændres.');
  const identity = requestIdentity('bb-assessment-decision', ctx.actor.userId, clientKey, { id, code, raw });

  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<DecisionOutcome>(tx, identity, ctx.now);
    if (first) return first;
    // Locked: two keepers deciding at once are serialised, and the last decision completes the step once.
    const rows = await tx
      .select({ kle: bbAssessmentNumber.kle, decision: bbAssessmentNumber.decision, note: bbAssessmentNumber.note })
      .from(bbAssessmentNumber)
      .where(and(eq(bbAssessmentNumber.assessmentId, id), eq(bbAssessmentNumber.municipalityCode, code)))
      .orderBy(asc(bbAssessmentNumber.kle))
      .for('update');
    if (rows.length === 0) throw notFound('Kommunen er ikke med i vurderingen.');
    const listed = new Map(rows.map((r) => [r.kle, r]));
    const decisions = parseDecisions(raw, listed);
    const changed = decisions
      .map((d) => ({ ...d, note: d.note ?? listed.get(d.kle)!.note, before: listed.get(d.kle)! }))
      .filter((d) => d.decision !== d.before.decision || d.note !== d.before.note);
    const decidedBefore = rows.filter((r) => r.decision !== null).length;
    if (changed.length === 0) return answerRequest(tx, identity, { changed: 0, decided: decidedBefore, total: rows.length, stepCompleted: false });

    const values = sql.join(
      changed.map((d) => sql`(${d.kle}, ${d.decision}, ${d.note})`),
      sql`, `,
    );
    await tx.execute(sql`
      update ${bbAssessmentNumber} as n
      set decision = v.decision, note = v.note, decided_at = ${ctx.now}, decided_by = ${ctx.actor.userId}
      from (values ${values}) as v(kle, decision, note)
      where n.assessment_id = ${id} and n.municipality_code = ${code} and n.kle = v.kle`);

    const close = changed.filter((d) => d.decision === 'ikke_klar' && d.before.decision !== 'ikke_klar').map((d) => d.kle);
    const reopen = changed.filter((d) => d.decision === 'klar' && d.before.decision === 'ikke_klar').map((d) => d.kle);
    const config = await configurationChanges(tx, code, close, reopen);
    const inTx = { ...ctx, db: tx };
    if (config.close.length > 0) await applyConfigChanges(tx, inTx, code, { kind: 'vurdering', reason: NOT_READY_REASON, entries: config.close });
    if (config.reopen.length > 0) await applyConfigChanges(tx, inTx, code, { kind: 'vurdering', reason: READY_AGAIN_REASON, entries: config.reopen });

    await recordAudit(tx, ctx, {
      action: 'borgerblikket.assessment_decided',
      entityType: 'borgerblikket_assessment',
      entityId: id,
      municipalityCode: code,
      before: changed.map((d) => ({ kle: d.kle, decision: d.before.decision, note: d.before.note })),
      after: changed.map((d) => ({ kle: d.kle, decision: d.decision, note: d.note })),
    });

    const now = new Map(rows.map((r) => [r.kle, r.decision]));
    for (const d of changed) now.set(d.kle, d.decision);
    const decided = [...now.values()].filter((v) => v !== null).length;
    const stepCompleted = decided === rows.length && (await completeStep(tx, inTx, assessment.task.id, code));
    return answerRequest(tx, identity, { changed: changed.length, decided, total: rows.length, stepCompleted });
  });
}

/** Ticks the municipality's step as done through the tasks module (a no-op if it already is); not for a municipality that marked the task not relevant. */
async function completeStep(tx: Db, ctx: Ctx & { actor: Actor }, taskId: string, code: string): Promise<boolean> {
  const [step] = await tx.select({ id: taskStep.id }).from(taskStep).where(eq(taskStep.taskId, taskId)).orderBy(asc(taskStep.position)).limit(1);
  const [target] = await tx
    .select({ notRelevantReason: taskTarget.notRelevantReason })
    .from(taskTarget)
    .where(and(eq(taskTarget.taskId, taskId), eq(taskTarget.municipalityCode, code)));
  if (!step || !target || target.notRelevantReason !== null) return false;
  await answerStep(ctx, taskId, code, step.id, { completed: true });
  return true;
}
