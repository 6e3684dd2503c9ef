import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { conflict, invalid, notFound, parseInput } from '../../../platform/errors.ts';
import { inTargetTx, loadTargetTask, refreshTargetStatus, type ActorCtx } from '../refresh-target-status.ts';
import { stepAnswer, taskFile, taskStep } from '../schema.ts';
import { matchesAnswerPattern } from '../answer-pattern.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A file from a multipart form (field `fil`), with what the browser said about it. */
export type Upload = { content: Buffer; filename: string; contentType: string };

/**
 * `value`: the answer (absent = keep the saved one; null or '' = clear it). `completed`: the step's
 * "Udført" flag (a form's unchecked box is absent, which means false).
 */
export const answerStepInput = z.object({
  value: z.preprocess(
    (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
    z.string({ message: 'Svaret skal være tekst' }).max(10_000, 'Svaret må højst være 10.000 tegn').nullable().optional(),
  ),
  completed: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? false : v === 'on' || v === 'true' ? true : v === 'false' ? false : v),
    z.boolean({ message: 'Angiv om trinnet er udført' }),
  ),
});

type Step = typeof taskStep.$inferSelect;

/** yyyy-mm-dd and a real calendar day (no 31 February). */
export function isValidDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The answer in its stored form, or a field error in the words the step's author chose. */
export function normalizeValue(step: Pick<Step, 'answerKind' | 'answerPattern' | 'answerHint' | 'answerLabel'>, raw: string): string | null {
  const v = raw.trim();
  if (v === '') return null;
  switch (step.answerKind) {
    case 'none':
    case 'file':
      throw invalid({ value: step.answerKind === 'none' ? 'Dette trin har intet svarfelt' : 'Svaret på dette trin er en fil' });
    case 'text':
      return raw.replace(/\r\n/g, '\n').trim();
    case 'identifier':
      if (v.length > 200) throw invalid({ value: 'Svaret må højst være 200 tegn' });
      if (step.answerPattern && !matchesAnswerPattern(step.answerPattern, v)) {
        throw invalid({ value: step.answerHint || `${step.answerLabel || 'Svaret'} har ikke det forventede format` });
      }
      return v;
    case 'date': {
      const dk = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
      const iso = dk ? `${dk[3]}-${dk[2]!.padStart(2, '0')}-${dk[1]!.padStart(2, '0')}` : v;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isValidDay(iso)) throw invalid({ value: 'Skriv en gyldig dato, fx 28.05.2025' });
      return iso;
    }
    case 'yes_no': {
      const yn = v.toLowerCase();
      if (yn === 'ja' || yn === 'true' || yn === 'yes') return 'ja';
      if (yn === 'nej' || yn === 'false' || yn === 'no') return 'nej';
      throw invalid({ value: 'Vælg ja eller nej' });
    }
  }
}

const requiredMessage = (step: Pick<Step, 'answerKind' | 'answerLabel'>) =>
  step.answerKind === 'file'
    ? 'Vælg en fil, før trinnet markeres som udført'
    : `Udfyld ${step.answerLabel ? step.answerLabel : 'svaret'}, før trinnet markeres som udført`;

async function storeFile(tx: Db, ctx: ActorCtx, taskId: string, code: string, upload: Upload, priorFileId: string | null): Promise<string> {
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  if (priorFileId) {
    const [prior] = await tx.select({ sha256: taskFile.sha256, filename: taskFile.filename }).from(taskFile).where(eq(taskFile.id, priorFileId));
    // The same file again (a double click, a re-sent form) changes nothing.
    if (prior && prior.sha256 === sha256 && prior.filename === upload.filename) return priorFileId;
  }
  const [row] = await tx
    .insert(taskFile)
    .values({
      taskId,
      municipalityCode: code,
      purpose: 'answer',
      filename: upload.filename,
      contentType: upload.contentType,
      size: upload.content.length,
      sha256,
      content: upload.content,
      uploadedBy: ctx.actor.userId,
      uploadedAt: ctx.now,
    })
    .returning({ id: taskFile.id });
  return row!.id;
}

/**
 * Saves a municipality's answer to one step and its "Udført" flag. Completing a step that has an
 * answer field requires a valid answer; an invalid answer writes nothing. Saving the same answer
 * again is a no-op (no audit row, no status change). File answers keep earlier files (history);
 * the step points at the newest, and step_answer.value holds its filename.
 */
export async function answerStep(ctx: ActorCtx, taskId: string, municipalityCode: string, stepId: string, raw: unknown, upload?: Upload | null) {
  const t = await loadTargetTask(ctx, taskId, municipalityCode, 'act');
  const input = parseInput(answerStepInput, raw);
  if (upload && upload.content.length > MAX_FILE_BYTES) throw invalid({ value: 'Filen må højst fylde 10 MB' });
  if (upload && upload.content.length === 0) throw invalid({ value: 'Filen er tom' });
  if (!isUuid(stepId)) throw notFound('Trinnet findes ikke.');

  return inTargetTx(ctx, t, municipalityCode, { requireOpen: true }, async (tx, target) => {
    if (target.notRelevantReason !== null) {
      throw conflict('Opgaven er markeret som ikke relevant for kommunen. Fortryd markeringen, før I besvarer den.');
    }
    const [step] = await tx
      .select()
      .from(taskStep)
      .where(and(eq(taskStep.id, stepId), eq(taskStep.taskId, t.id)));
    if (!step) throw notFound('Trinnet findes ikke.');
    if (upload && step.answerKind !== 'file') throw invalid({ value: 'Dette trin tager ikke imod filer' });
    const [prior] = await tx
      .select()
      .from(stepAnswer)
      .where(and(eq(stepAnswer.stepId, step.id), eq(stepAnswer.municipalityCode, municipalityCode)));

    let value: string | null;
    let fileId: string | null = prior?.fileId ?? null;
    if (step.answerKind === 'file') {
      if (input.value) throw invalid({ value: 'Svaret på dette trin er en fil' });
      value = prior?.value ?? null;
      if (upload) {
        fileId = await storeFile(tx, ctx, t.id, municipalityCode, upload, fileId);
        value = upload.filename;
      }
    } else {
      value = input.value === undefined ? (prior?.value ?? null) : input.value === null ? null : normalizeValue(step, input.value);
    }
    if (input.completed && step.answerKind !== 'none' && value === null && fileId === null) {
      throw invalid({ value: requiredMessage(step) });
    }

    const before = prior ? { value: prior.value, fileId: prior.fileId, completed: prior.completed } : null;
    const after = { value, fileId, completed: input.completed };
    const unchanged = before
      ? before.value === after.value && before.fileId === after.fileId && before.completed === after.completed
      : after.value === null && after.fileId === null && !after.completed;
    if (unchanged) return { changed: false, status: target.status };

    await tx
      .insert(stepAnswer)
      .values({ stepId: step.id, municipalityCode, taskId: t.id, ...after, answeredBy: ctx.actor.userId, answeredAt: ctx.now })
      .onConflictDoUpdate({
        target: [stepAnswer.stepId, stepAnswer.municipalityCode],
        set: { ...after, answeredBy: ctx.actor.userId, answeredAt: ctx.now },
      });
    await recordAudit(tx, ctx, {
      action: 'task.step_answered',
      entityType: 'task',
      entityId: t.id,
      municipalityCode,
      before: before && { stepId: step.id, position: step.position, ...before },
      after: { stepId: step.id, position: step.position, ...after },
    });
    const status = await refreshTargetStatus(tx, target, ctx.now, { municipalActivity: true });
    return { changed: true, status };
  });
}
