import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { cleanFilename, registerBufferedMultipart, uploadedFields, uploadedFiles } from '../../../platform/http/buffered-multipart.ts';
import { MAX_AGREEMENT_FILE_BYTES } from '../files.ts';

/**
 * A signed copy of an agreement arrives as multipart/form-data: the PDF in field `fil` (the API
 * also takes `file`) and the signer's name and title. The application's multipart set-up stops at
 * 10 MB and drops the file's name; a signed agreement may be up to MAX_AGREEMENT_FILE_BYTES and its
 * name belongs on the record, so the upload routes use the platform's buffered multipart parser.
 */

export type SignatureUploadFile = { filename: string; contentType: string; content: Buffer };
export type SignatureUpload = { fields: Record<string, string>; file: SignatureUploadFile | null };

/** Room for the form fields and multipart framing around the largest allowed file. */
const BODY_LIMIT = MAX_AGREEMENT_FILE_BYTES + 1024 * 1024;
const LIMIT_MB = Math.round(MAX_AGREEMENT_FILE_BYTES / (1024 * 1024));

export function registerSignatureUploadParser(scope: FastifyInstance): void {
  registerBufferedMultipart(scope, {
    bodyLimit: BODY_LIMIT,
    maxFileBytes: MAX_AGREEMENT_FILE_BYTES,
    tooLarge: () => new AppError(413, 'payload_too_large', `Filen er for stor. Den må højst fylde ${LIMIT_MB} MB.`, { fil: `Filen må højst fylde ${LIMIT_MB} MB` }),
  });
}

/** The fields (first value of each) and the file (field `fil`, or `file` from the API) of a parsed upload; a body from any other parser has no file. */
export function signatureUploadFrom(body: unknown): SignatureUpload {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(uploadedFields(body))) {
    const first = [v].flat()[0];
    if (typeof first === 'string') fields[k] = first;
  }
  const f = uploadedFiles(body).find((x) => x.field === 'fil' || x.field === 'file');
  return { fields, file: f ? { filename: cleanFilename(f.filename), contentType: f.contentType, content: f.content } : null };
}
