import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { DOCX, isPdf, PDF } from '../../../platform/files/content-type.ts';
import { cleanFilename, registerBufferedMultipart, uploadedFiles } from '../../../platform/http/buffered-multipart.ts';

/** A presentation with pictures is large, but every one of the 98 municipalities downloads it: 50 MB at most. */
export const MAX_MATERIAL_BYTES = 50 * 1024 * 1024;
export const MAX_MATERIAL_MB = Math.round(MAX_MATERIAL_BYTES / (1024 * 1024));
/** Materials on one meeting at most: the page and the follow-up list them all. */
export const MAX_MATERIALS = 30;

export const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MATERIAL_ACCEPT = '.pdf,.pptx,.docx,.xlsx';

const OFFICE: [RegExp, string][] = [
  [/\.pptx$/i, PPTX],
  [/\.docx$/i, DOCX],
  [/\.xlsx$/i, XLSX],
];

/**
 * PDF, PowerPoint, Word or Excel by content, not by the browser's claim: a PDF starts with
 * "%PDF-"; the Office files are ZIP archives (Office Open XML) whose name says which.
 */
export function materialType(content: Buffer, filename: string): string | null {
  if (isPdf(content)) return PDF;
  const zip = content.length > 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
  if (!zip) return null;
  return OFFICE.find(([name]) => name.test(filename))?.[1] ?? null;
}

export type MaterialUpload = { filename: string; content: Buffer } | null;

/** Uploads keep the file's name, which the application-wide multipart set-up drops: a parser of this scope's own. */
export function registerMaterialParser(scope: FastifyInstance): void {
  registerBufferedMultipart(scope, {
    bodyLimit: MAX_MATERIAL_BYTES + 1024 * 1024,
    maxFileBytes: MAX_MATERIAL_BYTES,
    tooLarge: () => new AppError(413, 'payload_too_large', `Filen er for stor. Den må højst fylde ${MAX_MATERIAL_MB} MB.`, { fil: `Filen må højst fylde ${MAX_MATERIAL_MB} MB` }),
  });
}

/** The file of a parsed upload, in `fil` (the form) or `file` (the API). */
export function materialFrom(body: unknown): MaterialUpload {
  const f = uploadedFiles(body).find((x) => x.field === 'fil' || x.field === 'file');
  return f ? { filename: cleanFilename(f.filename), content: f.content } : null;
}
