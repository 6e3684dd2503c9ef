import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Multipart for routes that take several named files: the application-wide @fastify/multipart set-up
 * keeps one file per request and drops file names, so upload routes (task attachments, agreement
 * versions, signed copies) register this parser in an encapsulated scope of their own. The body is
 * read whole (up to `bodyLimit`) and parsed by the platform's FormData; fields become strings
 * (repeated fields a list), files keep field, name and type.
 */

export type UploadedFile = { field: string; filename: string; contentType: string; content: Buffer };

/** Where the parsed files sit on request.body; a symbol, so a JSON body can never pretend to carry files. */
const FILES = Symbol('uploaded-files');

export function registerBufferedMultipart(scope: FastifyInstance, opts: { bodyLimit: number; tooLarge: () => AppError }): void {
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, async (request: FastifyRequest, body: Buffer) => {
    let form: FormData;
    try {
      const headers = { 'content-type': request.headers['content-type'] ?? '' };
      form = await new Request('http://upload.invalid/', { method: 'POST', body: new Blob([new Uint8Array(body)]), headers }).formData();
    } catch {
      throw new AppError(400, 'bad_request', 'Formularen kunne ikke læses. Prøv at vælge filerne igen.');
    }
    const fields: Record<string, string | string[]> = {};
    const files: UploadedFile[] = [];
    for (const [name, value] of form) {
      if (typeof value === 'string') {
        const prior = fields[name];
        fields[name] = prior === undefined ? value : [...[prior].flat(), value];
      } else if (value.name !== '' || value.size > 0) {
        // A file input left empty still sends a part without name and content: that is no file.
        files.push({ field: name, filename: value.name, contentType: value.type, content: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return Object.assign(fields, { [FILES]: files });
  });
  // Fastify's own "body too large" is English; say it in Danish and point at the field.
  const parent = scope.errorHandler;
  scope.setErrorHandler((error, request, reply) => {
    const tooLarge = (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    return parent.call(scope, (tooLarge ? opts.tooLarge() : error) as Parameters<typeof parent>[0], request, reply);
  });
}

/** The files of a body parsed by registerBufferedMultipart; a body from any other parser has none. */
export function uploadedFiles(body: unknown): UploadedFile[] {
  if (!body || typeof body !== 'object') return [];
  const files = (body as { [FILES]?: UploadedFile[] })[FILES];
  return Array.isArray(files) ? files : [];
}

/** The text fields of a parsed multipart body (or of a JSON body, which then has no files). */
export function uploadedFields(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
}

/** A file name as the user's system gave it, made safe to store and send back: no directories, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  let out = '';
  for (const ch of name.split(/[\\/]/).pop() ?? '') {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c !== 0x7f && ch !== '"') out += ch;
  }
  out = out.trim().slice(0, 200);
  return out === '' || out === '.' || out === '..' ? 'fil' : out;
}
