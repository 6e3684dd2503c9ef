import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { cleanFilename } from '../tasks/upload-attachments.ts';
import { MAX_AGREEMENT_FILE_BYTES } from './files.ts';

/**
 * A signed copy of an agreement arrives as multipart/form-data: the PDF in field `fil` (the API
 * also takes `file`) and the signer's name and title. The application's multipart set-up stops at
 * 10 MB and drops the file's name; a signed agreement may be up to MAX_AGREEMENT_FILE_BYTES and its
 * name belongs on the record, so the upload routes parse multipart themselves, in their own scope.
 */

export type SignatureUploadFile = { filename: string; contentType: string; content: Buffer };
export type SignatureUpload = { fields: Record<string, string>; file: SignatureUploadFile | null };

/** Room for the form fields and multipart framing around the largest allowed file. */
const BODY_LIMIT = MAX_AGREEMENT_FILE_BYTES + 1024 * 1024;
const LIMIT_MB = Math.round(MAX_AGREEMENT_FILE_BYTES / (1024 * 1024));

/** Where the parsed file sits on request.body; a symbol, so a JSON body can never pretend to carry one. */
const FILE = Symbol('signature-upload');

export function registerSignatureUploadParser(scope: FastifyInstance): void {
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, async (request: FastifyRequest, body: Buffer) => {
    let form: FormData;
    try {
      form = await new Request('http://upload.invalid/', {
        method: 'POST',
        body: new Blob([new Uint8Array(body)]),
        headers: { 'content-type': request.headers['content-type'] ?? '' },
      }).formData();
    } catch {
      throw new AppError(400, 'bad_request', 'Formularen kunne ikke læses. Prøv at vælge filen igen.');
    }
    const fields: Record<string, string> = {};
    let file: SignatureUploadFile | null = null;
    for (const [name, value] of form) {
      if (typeof value === 'string') {
        fields[name] ??= value;
      } else if ((name === 'fil' || name === 'file') && !file && (value.name !== '' || value.size > 0)) {
        // A file input left empty still sends a part without name and content: that is no file.
        file = { filename: cleanFilename(value.name), contentType: value.type, content: Buffer.from(await value.arrayBuffer()) };
      }
    }
    return Object.assign(fields, { [FILE]: file });
  });
  // Fastify's own "body too large" is English; say it in Danish and point at the field.
  const parent = scope.errorHandler;
  scope.setErrorHandler((error, request, reply) => {
    const tooLarge = (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    const translated = tooLarge
      ? new AppError(413, 'payload_too_large', `Filen er for stor. Den må højst fylde ${LIMIT_MB} MB.`, { fil: `Filen må højst fylde ${LIMIT_MB} MB` })
      : error;
    return parent.call(scope, translated as Parameters<typeof parent>[0], request, reply);
  });
}

/** The fields and the file of a parsed upload; a body from any other parser has no file. */
export function signatureUploadFrom(body: unknown): SignatureUpload {
  if (!body || typeof body !== 'object') return { fields: {}, file: null };
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
  const file = (body as { [FILE]?: SignatureUploadFile | null })[FILE] ?? null;
  return { fields, file };
}
