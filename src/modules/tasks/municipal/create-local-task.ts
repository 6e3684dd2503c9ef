import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rawRows } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { conflict, forbidden, invalid, parseInput } from '../../../platform/errors.ts';
import { person } from '../../../platform/identity/schema.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isValidDay } from './answer-step.ts';
import { refreshTargetStatus, type ActorCtx } from '../refresh-target-status.ts';
import { task, taskStep, taskTarget } from '../schema.ts';

const LOCAL_KINDS = ['none', 'text', 'date', 'yes_no', 'file'] as const;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const stepInput = z.object({
  title: z.string().transform((s) => s.trim()).pipe(z.string().min(1, 'Hvert trin skal have en titel').max(300, 'Et trin må højst være 300 tegn')),
  instructions: z.string().max(10_000, 'Vejledningen må højst være 10.000 tegn').optional().default(''),
  answerKind: z.enum(LOCAL_KINDS, { message: 'Ukendt svartype' }).optional().default('none'),
  answerLabel: z.string().max(100).optional().default(''),
});

/**
 * A municipality's own task. From the form the steps come as a textarea (one step per line); from
 * the API as a list. The code is optional: without one it becomes LOKAL-<kommunekode>-<n>.
 */
export const localTaskInput = z.object({
  code: z.preprocess(emptyToUndefined, z.string().transform((s) => s.trim()).pipe(z.string().min(1).max(60, 'Koden må højst være 60 tegn')).optional()),
  title: z.string({ message: 'Skriv en titel' }).transform((s) => s.trim()).pipe(z.string().min(1, 'Skriv en titel').max(200, 'Titlen må højst være 200 tegn')),
  description: z.preprocess(emptyToUndefined, z.string().max(20_000, 'Beskrivelsen må højst være 20.000 tegn').optional()).transform((s) => (s ?? '').trim()),
  deadline: z
    .string({ message: 'Vælg en frist' })
    .transform((s) => {
      const dk = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s.trim());
      return dk ? `${dk[3]}-${dk[2]!.padStart(2, '0')}-${dk[1]!.padStart(2, '0')}` : s.trim();
    })
    .refine(isValidDay, 'Vælg en gyldig frist, fx 28.05.2025'),
  steps: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean)
            .map((title) => ({ title }))
        : v,
    z.array(stepInput, { message: 'Skriv mindst ét trin' }).min(1, 'Skriv mindst ét trin').max(30, 'Højst 30 trin'),
  ),
  responsiblePersonId: z.preprocess(emptyToUndefined, z.string().refine(isUuid, 'Vælg en person fra listen').optional()),
});

export const localTaskLabels: Record<string, string> = {
  code: 'Kode',
  title: 'Titel',
  description: 'Beskrivelse',
  deadline: 'Frist',
  steps: 'Trin',
  responsiblePersonId: 'Ansvarlig',
};

/** Local tasks are the municipalities' own: every municipal user may create one; central staff may not. */
export function authorizeCreateLocal(actor: Actor): string {
  if (isCentral(actor) || !actor.municipalityCode) throw forbidden('Lokale opgaver oprettes af kommunerne selv.');
  return actor.municipalityCode;
}

/**
 * Creates a local task, visible only to the municipality (task.local_municipality_code), with one
 * target (the municipality itself) so status, answers and "Mine opgaver" work as for any task. The
 * municipality row is locked so generated codes do not collide. The same request twice (a double
 * click, a client's retry: the same client key, or the same content within seconds) creates one
 * task and answers both with it.
 */
export async function createLocalTask(ctx: ActorCtx, raw: unknown, clientKey?: string) {
  const code = authorizeCreateLocal(ctx.actor);
  const input = parseInput(localTaskInput, raw);
  const identity = requestIdentity('local-task', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string; code: string }>(tx, identity, ctx.now);
    if (first) return first;
    await rawRows(tx, sql`select code from municipality where code = ${code} for update`);
    if (input.responsiblePersonId) {
      const [p] = await tx
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.id, input.responsiblePersonId), eq(person.municipalityCode, code), eq(person.active, true)));
      if (!p) throw invalid({ responsiblePersonId: 'Vælg en aktiv person fra kommunens rollegalleri' });
    }
    const existing = await tx.select({ code: task.code }).from(task).where(eq(task.localMunicipalityCode, code));
    let taskCode = input.code;
    if (taskCode) {
      if (existing.some((e) => e.code.toLowerCase() === taskCode!.toLowerCase())) {
        throw conflict('Kommunen har allerede en lokal opgave med den kode.', { code: 'Koden er allerede brugt til en anden lokal opgave' });
      }
    } else {
      const prefix = `LOKAL-${code}-`;
      const used = existing.map((e) => (e.code.startsWith(prefix) ? Number(e.code.slice(prefix.length)) : 0)).filter(Number.isFinite);
      taskCode = `${prefix}${Math.max(0, ...used) + 1}`;
    }

    const [created] = await tx
      .insert(task)
      .values({
        code: taskCode,
        title: input.title,
        description: input.description,
        deadline: input.deadline,
        status: 'published',
        localMunicipalityCode: code,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        publishedAt: ctx.now,
      })
      .returning();
    await tx.insert(taskStep).values(
      input.steps.map((s, i) => ({
        taskId: created!.id,
        position: i + 1,
        title: s.title,
        instructions: s.instructions,
        answerKind: s.answerKind,
        answerLabel: s.answerLabel,
      })),
    );
    const [target] = await tx
      .insert(taskTarget)
      .values({ taskId: created!.id, municipalityCode: code, responsiblePersonId: input.responsiblePersonId ?? null })
      .returning();
    // The log keeps what happened, not the municipality's own text: local tasks are for its eyes.
    await recordAudit(tx, ctx, {
      action: 'task.local_created',
      entityType: 'task',
      entityId: created!.id,
      municipalityCode: code,
      after: { code: taskCode, deadline: input.deadline, steps: input.steps.length, responsiblePersonId: input.responsiblePersonId ?? null },
    });
    await refreshTargetStatus(tx, target!, ctx.now, { municipalActivity: true });
    return answerRequest(tx, identity, { id: created!.id, code: taskCode });
  });
}
