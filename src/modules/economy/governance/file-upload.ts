import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { cleanFilename, registerBufferedMultipart, uploadedFields, uploadedFiles } from '../../../platform/http/buffered-multipart.ts';

/** Agendas, minutes and annexes are read by all 98 municipalities: keep each file reasonable. */
export const MAX_MEETING_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_MEETING_FILE_MB = Math.round(MAX_MEETING_FILE_BYTES / (1024 * 1024));
/** Files on one meeting at most: the meeting page lists them all. */
export const MAX_MEETING_FILES = 50;

export type MeetingFileUpload = { fields: Record<string, string>; file: { filename: string; content: Buffer } | null };

/**
 * A meeting file arrives as multipart/form-data: the file in `fil` (the API also takes `file`) and
 * its kind. The application's multipart set-up stops at 10 MB and drops the file's name, which the
 * download keeps, so the upload routes use the platform's buffered parser in a scope of their own.
 */
export function registerMeetingFileParser(scope: FastifyInstance): void {
  registerBufferedMultipart(scope, {
    bodyLimit: MAX_MEETING_FILE_BYTES + 1024 * 1024,
    maxFileBytes: MAX_MEETING_FILE_BYTES,
    tooLarge: () =>
      new AppError(413, 'payload_too_large', `Filen er for stor. Den må højst fylde ${MAX_MEETING_FILE_MB} MB.`, { fil: `Filen må højst fylde ${MAX_MEETING_FILE_MB} MB` }),
  });
}

/** The fields (first value of each) and the file of a parsed upload; a body from any other parser has no file. */
export function meetingFileUploadFrom(body: unknown): MeetingFileUpload {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(uploadedFields(body))) {
    const first = [v].flat()[0];
    if (typeof first === 'string') fields[k] = first;
  }
  const f = uploadedFiles(body).find((x) => x.field === 'fil' || x.field === 'file');
  return { fields, file: f ? { filename: cleanFilename(f.filename), content: f.content } : null };
}
