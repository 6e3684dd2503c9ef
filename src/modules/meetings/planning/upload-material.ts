import { and, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { fileSha256 } from '../../../platform/files/content-type.ts';
import { authorizeMeeting } from '../policy.ts';
import { meetingMaterial } from '../schema.ts';
import { MAX_MATERIAL_BYTES, MAX_MATERIAL_MB, MAX_MATERIALS, materialType, type MaterialUpload } from './material-upload.ts';
import { lockMeeting } from './save-agenda-item.ts';

/**
 * Puts a presentation or document on the meeting, audited. The same file under the same name again
 * (a double click, a retried upload) changes nothing (`created: false`); the same content under
 * another name is refused (409), so a file is on a meeting once.
 */
export async function uploadMaterial(ctx: Ctx & { actor: Actor }, meetingId: string, upload: MaterialUpload): Promise<{ id: string; created: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  let contentType: string | null = null;
  if (!upload) throw invalid({ fil: 'Vælg en fil (PDF, PowerPoint, Word eller Excel)' });
  if (upload.content.length === 0) throw invalid({ fil: 'Filen er tom' });
  if (upload.content.length > MAX_MATERIAL_BYTES) throw invalid({ fil: `Filen må højst fylde ${MAX_MATERIAL_MB} MB` });
  contentType = materialType(upload.content, upload.filename);
  if (!contentType) throw invalid({ fil: `Filen skal være en PDF, en PowerPoint (.pptx), et Word-dokument (.docx) eller et Excel-ark (.xlsx): ${upload.filename} er ingen af delene` });
  const sha256 = fileSha256(upload.content);
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const [twin] = await tx
      .select({ id: meetingMaterial.id, filename: meetingMaterial.filename })
      .from(meetingMaterial)
      .where(and(eq(meetingMaterial.meetingId, meetingId), eq(meetingMaterial.sha256, sha256)));
    if (twin) {
      if (twin.filename === upload.filename) return { id: twin.id, created: false };
      throw conflict(`Den samme fil ligger allerede på mødet som ${twin.filename}.`, { fil: `Filen ligger allerede på mødet som ${twin.filename}` });
    }
    const [n] = await tx.select({ n: count() }).from(meetingMaterial).where(eq(meetingMaterial.meetingId, meetingId));
    if ((n?.n ?? 0) >= MAX_MATERIALS) throw conflict(`Mødet har allerede ${MAX_MATERIALS} filer. Slet en, før der lægges en ny på.`, { fil: `Højst ${MAX_MATERIALS} filer pr. møde` });
    const [row] = await tx
      .insert(meetingMaterial)
      .values({ meetingId, filename: upload.filename, contentType, size: upload.content.length, sha256, content: upload.content, uploadedBy: ctx.actor.userId, uploadedAt: ctx.now })
      .returning({ id: meetingMaterial.id });
    await recordAudit(tx, ctx, {
      action: 'meeting.material_uploaded',
      entityType: 'meeting',
      entityId: meetingId,
      after: { materialId: row!.id, filename: upload.filename, contentType, size: upload.content.length, sha256 },
    });
    return { id: row!.id, created: true };
  });
}
