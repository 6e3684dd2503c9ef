import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, conflict, invalid } from '../../../platform/errors.ts';
import { cleanContentType } from '../../../platform/files/content-type.ts';
import { cleanFilename, registerBufferedMultipart, uploadedFiles, type UploadedFile } from '../../../platform/http/buffered-multipart.ts';
import { loadTask } from '../load-task.ts';
import { task, taskFile, taskTarget } from '../schema.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

/**
 * Attachments of a task: common ones (for every addressed municipality) and one or more per
 * municipality, e.g. each municipality's own Excel extract, uploaded in bulk: several files in one
 * request whose names begin with the municipality code ("0320-faxe-udtraek.xlsx").
 *
 * The application's multipart setup keeps one file per request and drops file names, so the
 * upload routes parse multipart themselves (registerUploadParser, in their own encapsulated scope).
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 100;
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Replaces the multipart parser inside an encapsulated scope: all fields as strings, all files with their names. */
export function registerUploadParser(scope: FastifyInstance): void {
  registerBufferedMultipart(scope, {
    bodyLimit: MAX_UPLOAD_BYTES,
    maxFileBytes: MAX_FILE_BYTES,
    tooLarge: () => new AppError(413, 'payload_too_large', 'Der kan højst sendes 50 MB ad gangen. Del filerne op i flere uploads.', { filer: 'Højst 50 MB i alt pr. upload' }),
  });
}

/** The four-digit municipality code a file name begins with ("0320-faxe-udtraek.xlsx" → 0320). */
export const codeFromFilename = (name: string) => /^(\d{4})(?!\d)/.exec(name)?.[1] ?? null;

type Prepared = { municipalityCode: string | null; filename: string; contentType: string; content: Buffer; sha256: string };
export type UploadResult = { added: number; replaced: number; unchanged: number; files: { id: string; filename: string; municipalityCode: string | null }[] };

function checkFiles(files: UploadedFile[]): void {
  if (files.length === 0) throw invalid({ filer: 'Vælg en eller flere filer' }, 'Der er ikke valgt nogen fil.');
  if (files.length > MAX_FILES) throw invalid({ filer: `Der kan højst sendes ${MAX_FILES} filer ad gangen` });
  const tooBig = files.filter((f) => f.content.length > MAX_FILE_BYTES).map((f) => cleanFilename(f.filename));
  if (tooBig.length > 0) throw invalid({ filer: `Filer må højst fylde 10 MB: ${tooBig.join(', ')}` });
  const empty = files.filter((f) => f.content.length === 0).map((f) => cleanFilename(f.filename));
  if (empty.length > 0) throw invalid({ filer: `Filen er tom: ${empty.join(', ')}` });
}

const prepare = (f: UploadedFile, municipalityCode: string | null): Prepared => ({
  municipalityCode,
  filename: cleanFilename(f.filename),
  contentType: cleanContentType(f.contentType),
  content: f.content,
  sha256: f.sha256,
});

async function loadForAttachments(ctx: Ctx & { actor: Actor }, taskId: string) {
  const t = await loadTask(ctx.db, ctx.actor, taskId, 'author');
  if (t.status === 'closed') throw conflict('Opgaven er lukket; der kan ikke tilføjes bilag.');
  return t;
}

/** Attachments for every addressed municipality (instructions, templates). */
export async function addCommonAttachments(ctx: Ctx & { actor: Actor }, taskId: string, body: unknown): Promise<UploadResult> {
  await loadForAttachments(ctx, taskId);
  const files = uploadedFiles(body);
  checkFiles(files);
  return store(ctx, taskId, files.map((f) => prepare(f, null)));
}

/**
 * Attachments for one municipality each, taken from the file name's leading code; a single file may
 * instead name its municipality in the field `kommunekode`. Every code must be one the task is
 * addressed to. One bad file and nothing is stored.
 */
export async function addMunicipalityAttachments(ctx: Ctx & { actor: Actor }, taskId: string, body: unknown): Promise<UploadResult> {
  await loadForAttachments(ctx, taskId);
  const files = uploadedFiles(body);
  checkFiles(files);
  const fields = (body ?? {}) as Record<string, unknown>;
  const explicit = typeof fields.kommunekode === 'string' && fields.kommunekode.trim() !== '' ? fields.kommunekode.trim().padStart(4, '0') : null;
  if (explicit && (!/^\d{4}$/.test(explicit) || files.length !== 1)) {
    throw invalid({ kommunekode: files.length !== 1 ? 'Angiv kun kommunekode, når der sendes én fil' : 'Kommunekoden består af fire cifre, fx 0320' });
  }
  const prepared = files.map((f) => prepare(f, explicit ?? codeFromFilename(cleanFilename(f.filename))));
  const unnamed = prepared.filter((p) => !p.municipalityCode).map((p) => p.filename);
  if (unnamed.length > 0) {
    throw invalid({ filer: `Filnavnet skal begynde med kommunekoden, fx 0320-faxe-udtraek.xlsx: ${unnamed.join(', ')}` });
  }
  const codes = [...new Set(prepared.map((p) => p.municipalityCode!))];
  const addressed = new Set(
    (
      await ctx.db
        .select({ code: taskTarget.municipalityCode })
        .from(taskTarget)
        .where(and(eq(taskTarget.taskId, taskId), inArray(taskTarget.municipalityCode, codes)))
    ).map((r) => r.code),
  );
  const outside = prepared.filter((p) => !addressed.has(p.municipalityCode!)).map((p) => `${p.filename} (${p.municipalityCode})`);
  if (outside.length > 0) {
    throw invalid({ [explicit ? 'kommunekode' : 'filer']: `Opgaven er ikke rettet til kommunen: ${outside.join(', ')}` });
  }
  return store(ctx, taskId, prepared);
}

/**
 * Stores the files in one transaction. A file with the same name for the same municipality
 * replaces the earlier one (a corrected extract); sending the very same file again changes nothing.
 */
async function store(ctx: Ctx & { actor: Actor }, taskId: string, files: Prepared[]): Promise<UploadResult> {
  // The same name twice in one request: the last one counts.
  const byKey = new Map(files.map((f) => [`${f.municipalityCode ?? ''}|${f.filename}`, f]));
  return ctx.db.transaction(async (tx) => {
    await lockTaskRow(tx, taskId);
    const existing = await tx
      .select({ id: taskFile.id, municipalityCode: taskFile.municipalityCode, filename: taskFile.filename, sha256: taskFile.sha256 })
      .from(taskFile)
      .where(and(eq(taskFile.taskId, taskId), eq(taskFile.purpose, 'attachment')));
    const result: UploadResult = { added: 0, replaced: 0, unchanged: 0, files: [] };
    for (const f of byKey.values()) {
      const prior = existing.find((e) => (e.municipalityCode ?? null) === f.municipalityCode && e.filename === f.filename);
      if (prior?.sha256 === f.sha256) {
        result.unchanged++;
        result.files.push({ id: prior.id, filename: f.filename, municipalityCode: f.municipalityCode });
        continue;
      }
      const values = { contentType: f.contentType, size: f.content.length, sha256: f.sha256, content: f.content, uploadedBy: ctx.actor.userId, uploadedAt: ctx.now };
      let id: string;
      if (prior) {
        await tx.update(taskFile).set(values).where(eq(taskFile.id, prior.id));
        id = prior.id;
        result.replaced++;
      } else {
        const [row] = await tx
          .insert(taskFile)
          .values({ taskId, municipalityCode: f.municipalityCode, purpose: 'attachment', filename: f.filename, ...values })
          .returning({ id: taskFile.id });
        id = row!.id;
        result.added++;
      }
      result.files.push({ id, filename: f.filename, municipalityCode: f.municipalityCode });
      await recordAudit(tx, ctx, {
        action: 'task.attachment_added',
        entityType: 'task',
        entityId: taskId,
        after: { fileId: id, filename: f.filename, forMunicipality: f.municipalityCode, size: f.content.length, sha256: f.sha256, replaced: Boolean(prior) },
      });
    }
    return result;
  });
}

/** Serialises uploads to one task, so the same file sent twice at once is stored once. */
async function lockTaskRow(tx: Db, taskId: string): Promise<void> {
  await tx.select({ id: task.id }).from(task).where(eq(task.id, taskId)).for('update');
}

/** An attachment as a reader may fetch it: common ones for all who read the task, per-municipality ones for that municipality and central staff. */
export async function readAttachment(ctx: Ctx & { actor: Actor }, taskId: string, fileId: string) {
  await loadTask(ctx.db, ctx.actor, taskId, 'read');
  if (!isUuid(fileId)) throw new AppError(404, 'not_found', 'Filen findes ikke.');
  const [file] = await ctx.db
    .select()
    .from(taskFile)
    .where(and(eq(taskFile.id, fileId), eq(taskFile.taskId, taskId), eq(taskFile.purpose, 'attachment')));
  const own = file && (file.municipalityCode === null || ctx.actor.municipalityCode === null || file.municipalityCode === ctx.actor.municipalityCode);
  if (!file || !own) throw new AppError(404, 'not_found', 'Filen findes ikke.');
  return file;
}
