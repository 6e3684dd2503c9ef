import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.ts';
import { FileSink } from './file-sink.ts';

/**
 * Multipart for routes that take several named files: the application-wide @fastify/multipart set-up
 * keeps one file per request and drops file names, so upload routes (task attachments, agreement
 * versions, signed copies) register this parser in an encapsulated scope of their own. The body is
 * parsed as it streams in: each file goes straight into one Buffer of its own and is hashed on the
 * way, a body above `bodyLimit` is refused (413) as soon as that is known, and a file above
 * `maxFileBytes` is kept only up to one byte past the limit, so the route can refuse it by name
 * without the rest ever being held. Fields become strings (repeated fields a list); files keep
 * field, name and type.
 */

export type UploadedFile = { field: string; filename: string; contentType: string; content: Buffer; sha256: string };

/** Where the parsed files sit on request.body; a symbol, so a JSON body can never pretend to carry files. */
const FILES = Symbol('uploaded-files');

export const unreadableForm = () => new AppError(400, 'bad_request', 'Formularen kunne ikke læses. Prøv at vælge filerne igen.');

type Options = { bodyLimit: number; maxFileBytes: number; tooLarge: () => AppError };

export function registerBufferedMultipart(scope: FastifyInstance, opts: Options): void {
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', (request: FastifyRequest, payload: IncomingMessage) => parseStreaming(request, payload, opts));
}

function parseStreaming(request: FastifyRequest, payload: IncomingMessage, opts: Options): Promise<Record<string, unknown>> {
  const declared = Number(request.headers['content-length']);
  const known = Number.isFinite(declared) && declared >= 0;
  if (known && declared > opts.bodyLimit) return Promise.reject(opts.tooLarge());

  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = {};
    const files: UploadedFile[] = [];
    let received = 0;
    let open = 0;
    let parsed = false;
    let settled = false;

    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      payload.unpipe();
      payload.removeListener('data', count);
      // Stop reading: what has not arrived yet is never held.
      payload.pause();
      reject(error);
    };
    const maybeDone = () => {
      if (settled || !parsed || open > 0) return;
      settled = true;
      resolve(Object.assign(fields, { [FILES]: files }));
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > opts.bodyLimit) fail(opts.tooLarge());
    };

    let bb: BusboyInstance;
    try {
      bb = new Busboy({
        headers: request.headers as BusboyHeaders,
        limits: { fileSize: opts.maxFileBytes + 1, fieldSize: opts.bodyLimit, fieldNameSize: 200 },
      });
    } catch {
      // No boundary, or not multipart after all.
      return reject(unreadableForm());
    }

    bb.on('field', (name: string, value: string) => {
      const prior = fields[name];
      // defineProperty: a field called "__proto__" stays a field.
      Object.defineProperty(fields, name, { value: prior === undefined ? value : [...[prior].flat(), value], enumerable: true, writable: true, configurable: true });
    });
    bb.on('file', (field: string, stream: NodeJS.ReadableStream, filename: string | undefined, _encoding: string, mimeType: string) => {
      open++;
      const sink = new FileSink(known ? declared - received : 0, opts.maxFileBytes + 1);
      stream.on('data', (chunk: Buffer) => sink.write(chunk));
      stream.on('error', () => fail(unreadableForm()));
      stream.on('end', () => {
        open--;
        const { content, sha256 } = sink.finish();
        // A file input left empty still sends a part without name and content: that is no file.
        if ((filename ?? '') !== '' || content.length > 0) files.push({ field, filename: filename ?? '', contentType: mimeType ?? '', content, sha256 });
        maybeDone();
      });
    });
    bb.on('error', () => fail(unreadableForm()));
    bb.on('finish', () => {
      parsed = true;
      maybeDone();
    });
    payload.on('data', count);
    payload.on('error', () => fail(unreadableForm()));
    payload.on('aborted', () => fail(unreadableForm()));
    payload.pipe(bb);
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
