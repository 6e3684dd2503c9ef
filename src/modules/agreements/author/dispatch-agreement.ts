import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, type FieldErrors } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { municipality, roleType, solution } from '../../../platform/identity/schema.ts';
import { parseDay } from '../../../platform/days.ts';
import { agreementRecipients } from '../addressees.ts';
import { dispatchCcText, dispatchText } from './dispatch-text.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreement, agreementDispatch, agreementTarget, agreementVersion } from '../schema.ts';
import { scheduleNextAgreementReminder } from '../reminders/send-reminders.ts';
import { loadStatuses, OUTSTANDING, type MunicipalStatus } from '../status.ts';

export const dispatchScopes = ['all', 'chosen', 'outstanding'] as const;
export type DispatchScope = (typeof dispatchScopes)[number];

const optionalKey = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string({ message: 'Vælg fra listen' }).optional());

export const dispatchInput = z
  .object({
    requestKey: z.string({ message: 'Udsendelsen mangler sit id – genindlæs siden og prøv igen' }).uuid('Ugyldig udsendelse – genindlæs siden og prøv igen'),
    roleKey: z.string({ message: 'Vælg modtagernes rolle' }).min(1, 'Vælg modtagernes rolle'),
    solutionKey: optionalKey.describe('Løsningen, når rollen er pr. løsning (fx systemansvarlig for Byg og Miljø)'),
    ccRoleKey: optionalKey.describe('En anden kommunal rolle, der får en kopi til orientering'),
    scope: z.enum(dispatchScopes, { message: 'Vælg hvilke kommuner aftalen sendes til' }),
    municipalityCodes: z
      .preprocess((v) => (v === undefined || v === '' ? [] : [v].flat()), z.array(z.string({ message: 'Vælg kommuner fra listen' })))
      .describe('Kommunekoder, når scope er chosen'),
    deadline: z.string({ message: 'Skriv fristen for underskrift' }).min(1, 'Skriv fristen for underskrift').describe('yyyy-mm-dd'),
  })
  .meta({ id: 'AgreementDispatchInput' });

export type DispatchResult = {
  dispatchId: string;
  /** The request key had been used before (double click, retried request): nothing new was sent. */
  alreadySent: boolean;
  /** Municipalities the dispatch went to */
  municipalities: number;
  /** People mailed (addressees and cc) */
  recipients: number;
};

/** Already signed, replaced by K98 or with a signed copy awaiting review: not asked to sign again. */
const NOT_ASKED: readonly MunicipalStatus[] = ['signed', 'replaced', 'pending'];

async function previousDispatch(db: Db, agreementId: string, requestKey: string): Promise<DispatchResult | null> {
  const [d] = await db.select().from(agreementDispatch).where(eq(agreementDispatch.requestKey, requestKey));
  if (!d) return null;
  if (d.agreementId !== agreementId) throw conflict('Udsendelsens id er allerede brugt til en anden aftale. Genindlæs siden og prøv igen.');
  return { dispatchId: d.id, alreadySent: true, municipalities: d.municipalityCodes.length, recipients: d.recipients };
}

/**
 * Sends the current version out for signature: to all municipalities, chosen ones, or those
 * already addressed that have not signed (including those in dialogue). In one transaction the
 * municipalities become addressed (a municipality keeps the day it was first addressed), the
 * agreement takes this dispatch's audience and deadline, the dispatch is recorded, the addressees
 * get "Til underskrift" and the cc role "Til orientering", and the reminder schedule moves.
 * Municipalities that have signed, are replaced by K98 or await review of a signed copy are
 * addressed but not mailed. The request key makes a double click or retry send once.
 */
export async function dispatchAgreement(ctx: Ctx & { actor: Actor }, agreementId: string, body: unknown): Promise<DispatchResult> {
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'manage');
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };
  const parsed = dispatchInput.safeParse(body ?? {});
  if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path.join('.') || '_', issue.message);
  if (parsed.success) {
    const again = await previousDispatch(ctx.db, agreementId, parsed.data.requestKey.toLowerCase());
    if (again) return again;
  }
  if (a.status === 'closed') throw conflict('Aftalen er lukket og kan ikke udsendes.');
  if (!a.currentVersionId) throw conflict('Aftalen har ingen version at udsende endnu.');

  const [roles, solutions, municipalities] = await Promise.all([
    ctx.db.select().from(roleType).where(eq(roleType.scope, 'municipal')),
    ctx.db.select({ key: solution.key, name: solution.name }).from(solution),
    ctx.db.select({ code: municipality.code }).from(municipality).orderBy(asc(municipality.code)),
  ]);
  let deadline = '';
  let codes: string[] = [];
  if (parsed.success) {
    const input = parsed.data;
    const role = roles.find((r) => r.key === input.roleKey);
    if (!role) add('roleKey', 'Vælg en af kommunernes roller');
    else if (role.perSolution && !input.solutionKey) add('solutionKey', `Vælg hvilken løsning aftalen er til ${role.labelDa.toLowerCase()} for`);
    else if (role.perSolution && !solutions.some((s) => s.key === input.solutionKey)) add('solutionKey', 'Vælg en løsning fra listen');
    else if (!role.perSolution && input.solutionKey) add('solutionKey', `Rollen ${role.labelDa} gælder hele kommunen og har ingen løsning`);
    if (input.ccRoleKey) {
      const cc = roles.find((r) => r.key === input.ccRoleKey);
      if (!cc) add('ccRoleKey', 'Vælg en af kommunernes roller');
      // A copy cannot be narrowed to one solution: it would reach the role's holders for every solution.
      else if (cc.perSolution) add('ccRoleKey', `Kopien kan kun gå til en rolle for hele kommunen, ikke ${cc.labelDa.toLowerCase()}`);
      else if (input.ccRoleKey === input.roleKey) add('ccRoleKey', 'Kopien skal gå til en anden rolle end modtagerne');
    }
    const day = parseDay(input.deadline);
    if (!day) add('deadline', 'Skriv en gyldig dato, fx 30.05.2025');
    else if (day < danishDay(ctx.now)) add('deadline', 'Fristen kan ikke ligge før i dag');
    else deadline = day;
    if (input.scope === 'all') codes = municipalities.map((m) => m.code);
    if (input.scope === 'chosen') {
      const known = new Set(municipalities.map((m) => m.code));
      codes = [...new Set(input.municipalityCodes.map((c) => c.trim().padStart(4, '0')))].sort();
      const unknown = codes.filter((c) => !known.has(c));
      if (codes.length === 0) add('municipalityCodes', 'Vælg mindst én kommune');
      else if (unknown.length > 0) add('municipalityCodes', `Ukendte kommunekoder: ${unknown.join(', ')}`);
    }
    if (input.scope === 'outstanding' && a.status !== 'sent') add('scope', 'Aftalen er ikke udsendt endnu; send den til alle eller udvalgte kommuner');
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw invalid(errors);
  const input = parsed.data;
  const requestKey = input.requestKey.toLowerCase();
  const audience = { roleKey: input.roleKey, solutionKey: input.solutionKey ?? null, ccRoleKey: input.ccRoleKey ?? null };

  return ctx.db.transaction(async (tx) => {
    // Dispatches of one agreement one at a time: the second of two identical requests finds the first.
    const [locked] = await tx.select().from(agreement).where(eq(agreement.id, agreementId)).for('update');
    if (!locked) throw conflict('Aftalen findes ikke længere.');
    const again = await previousDispatch(tx, agreementId, requestKey);
    if (again) return again;
    if (locked.status === 'closed') throw conflict('Aftalen er lukket og kan ikke udsendes.');
    const [version] = await tx
      .select({ id: agreementVersion.id, number: agreementVersion.number })
      .from(agreementVersion)
      .where(and(eq(agreementVersion.id, locked.currentVersionId ?? ''), eq(agreementVersion.agreementId, agreementId)));
    if (!version) throw conflict('Aftalen har ingen version at udsende endnu.');

    if (input.scope === 'outstanding') {
      const statuses = await loadStatuses(tx, { agreementIds: [agreementId] });
      codes = statuses.filter((s) => OUTSTANDING.includes(s.status)).map((s) => s.municipalityCode).sort();
      if (codes.length === 0) throw invalid({ scope: 'Alle kommuner, aftalen er sendt til, har underskrevet' });
    }

    const [dispatch] = await tx
      .insert(agreementDispatch)
      .values({
        agreementId,
        requestKey,
        versionId: version.id,
        versionNumber: version.number,
        ...audience,
        deadline,
        municipalityCodes: codes,
        recipients: 0,
        sentAt: ctx.now,
        sentBy: ctx.actor.userId,
      })
      .onConflictDoNothing({ target: agreementDispatch.requestKey })
      .returning({ id: agreementDispatch.id });
    if (!dispatch) return (await previousDispatch(tx, agreementId, requestKey))!;

    await tx
      .insert(agreementTarget)
      .values(codes.map((municipalityCode) => ({ agreementId, municipalityCode, addedAt: ctx.now })))
      .onConflictDoNothing();
    await tx
      .update(agreement)
      .set({
        status: 'sent',
        audienceRoleKey: audience.roleKey,
        audienceSolutionKey: audience.solutionKey,
        ccRoleKey: audience.ccRoleKey,
        deadline,
        lastDispatchedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(eq(agreement.id, agreementId));

    const dispatched = new Set(codes);
    const statuses = await loadStatuses(tx, { agreementIds: [agreementId] });
    const notAsked = new Set(statuses.filter((s) => dispatched.has(s.municipalityCode) && NOT_ASKED.includes(s.status)).map((s) => s.municipalityCode));
    const asked = codes.filter((c) => !notAsked.has(c));
    const recipients = await agreementRecipients(tx, audience, asked, { includeCc: true });
    const text = {
      agreement: { id: agreementId, title: locked.title, type: locked.type },
      versionNumber: version.number,
      deadline,
      publicUrl: ctx.config.publicUrl,
      roleKey: audience.roleKey,
      solutionName: solutions.find((s) => s.key === audience.solutionKey)?.name ?? null,
      roleLabel: roles.find((r) => r.key === audience.roleKey)!.labelDa,
      ccRoleLabel: roles.find((r) => r.key === audience.ccRoleKey)?.labelDa ?? null,
    };
    const addressees = recipients.filter((r) => r.as === 'addressee');
    const cc = recipients.filter((r) => r.as === 'cc');
    const dedupeKey = `agreement-dispatch:${requestKey}`;
    await notify(tx, ctx.now, addressees, { ...dispatchText(text), kind: 'agreement-dispatch', dedupeKey });
    await notify(tx, ctx.now, cc, { ...dispatchCcText(text), kind: 'agreement-dispatch-cc', dedupeKey });
    const mailed = new Set(recipients.map((r) => r.email.toLowerCase())).size;
    await tx.update(agreementDispatch).set({ recipients: mailed }).where(eq(agreementDispatch.id, dispatch.id));

    await scheduleNextAgreementReminder(tx, agreementId, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'agreement.dispatched',
      entityType: 'agreement',
      entityId: agreementId,
      before: { status: locked.status, deadline: locked.deadline, audienceRoleKey: locked.audienceRoleKey },
      after: {
        dispatchId: dispatch.id,
        requestKey,
        version: version.number,
        ...audience,
        deadline,
        scope: input.scope,
        municipalities: codes.length,
        askedToSign: asked.length,
        notAsked: [...notAsked].sort(),
        recipients: mailed,
      },
    });
    return { dispatchId: dispatch.id, alreadySent: false, municipalities: codes.length, recipients: mailed };
  });
}
