import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, type FieldErrors } from '../../../platform/errors.ts';
import { documentType, fileSha256 } from '../../../platform/files/content-type.ts';
import { meetingFile, type MeetingFileKind } from '../schema.ts';
import { MAX_MEETING_FILE_BYTES, MAX_MEETING_FILE_MB, MAX_MEETING_FILES, type MeetingFileUpload } from './file-upload.ts';
import { FILE_KIND_LABELS } from './labels.ts';
import { loadMeeting } from './load.ts';
import { fileKindInput } from './meeting-input.ts';
import { authorizeGovernance } from './policy.ts';

export type UploadedMeetingFile = { id: string; created: boolean };

/** The kind and the file, every problem at once. The type is read from the bytes (PDF or DOCX), never from the browser's claim or the name alone. */
function check(upload: MeetingFileUpload): { kind: MeetingFileKind; filename: string; content: Buffer; contentType: string } {
  const errors: FieldErrors = {};
  const kind = fileKindInput.safeParse(upload.fields.kind);
  if (!kind.success) errors.kind = 'Vælg om filen er dagsorden, referat eller bilag';
  const f = upload.file;
  let contentType: string | null = null;
  if (!f) errors.fil = 'Vælg en fil (PDF eller Word-dokument)';
  else if (f.content.length === 0) errors.fil = 'Filen er tom';
  else if (f.content.length > MAX_MEETING_FILE_BYTES) errors.fil = `Filen må højst fylde ${MAX_MEETING_FILE_MB} MB`;
  else {
    contentType = documentType(f.content, f.filename);
    if (!contentType) errors.fil = `Filen skal være en PDF eller et Word-dokument (.docx): ${f.filename} er ingen af delene`;
  }
  if (Object.keys(errors).length > 0 || !kind.success || !f || !contentType) throw invalid(errors);
  return { kind: kind.data, filename: f.filename, content: f.content, contentType };
}

/**
 * Puts a dagsorden, referat or bilag on a meeting, audited in the same transaction. The same file
 * under the same name and kind again (a double click, a retried upload) changes nothing
 * (`created: false`); the same content under another name or kind is refused (409), so a
 * document is on a meeting once.
 */
export async function uploadMeetingFile(ctx: Ctx & { actor: Actor }, meetingId: string, upload: MeetingFileUpload): Promise<UploadedMeetingFile> {
  authorizeGovernance(ctx.actor, 'edit');
  const file = check(upload);
  const sha256 = fileSha256(file.content);
  return ctx.db.transaction(async (tx) => {
    // The meeting's row serialises its uploads, so the same file sent twice at once is stored once.
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    const [twin] = await tx
      .select({ id: meetingFile.id, kind: meetingFile.kind, filename: meetingFile.filename })
      .from(meetingFile)
      .where(and(eq(meetingFile.meetingId, meeting.id), eq(meetingFile.sha256, sha256)));
    if (twin) {
      if (twin.kind === file.kind && twin.filename === file.filename) return { id: twin.id, created: false };
      throw conflict(`Den samme fil ligger allerede på mødet som ${twin.filename} (${FILE_KIND_LABELS[twin.kind].toLowerCase()}).`, {
        fil: `Filen ligger allerede på mødet som ${twin.filename}`,
      });
    }
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(meetingFile)
      .where(eq(meetingFile.meetingId, meeting.id));
    if ((count?.n ?? 0) >= MAX_MEETING_FILES) {
      throw conflict(`Mødet har allerede ${MAX_MEETING_FILES} filer, som er det højeste antal. Slet en fil, før der lægges en ny på.`, { fil: `Højst ${MAX_MEETING_FILES} filer pr. møde` });
    }
    const [row] = await tx
      .insert(meetingFile)
      .values({
        meetingId: meeting.id,
        kind: file.kind,
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.length,
        sha256,
        content: file.content,
        uploadedAt: ctx.now,
        uploadedBy: ctx.actor.userId,
      })
      .returning({ id: meetingFile.id });
    const id = row!.id;
    await recordAudit(tx, ctx, {
      action: 'governance.meeting_file_uploaded',
      entityType: 'council_meeting',
      entityId: meeting.id,
      after: { fileId: id, kind: file.kind, filename: file.filename, contentType: file.contentType, size: file.content.length, sha256 },
    });
    return { id, created: true };
  });
}
