import type { Readable } from 'node:stream';
import { Busboy, type BusboyHeaders } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { AppError } from '../errors.ts';
import { unreadableForm } from './buffered-multipart.ts';

/**
 * Multipart for a route that reads one large file as it arrives (an import of millions of lines):
 * the fields sent before the file (the form's _csrf, a request key) are parsed, and the body is
 * handed to the route the moment the file part begins, with the file as a stream the route reads.
 * Nothing of the file is held but the stream's own buffer, so the server's memory does not grow
 * with the file. The form must therefore put its fields before the file input. A file above
 * `maxFileBytes` fails the stream with `tooLarge()` where the route reads it; a second file is
 * read past and dropped.
 */

export type StreamedFile = { field: string; filename: string; stream: Readable };

const FILE = Symbol('streamed-file');

type Options = { maxFileBytes: number; tooLarge: () => AppError };

export function registerStreamedUpload(scope: FastifyInstance, opts: Options): void {
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', (request: FastifyRequest, payload: IncomingMessage) => parseUntilFile(request, payload, opts));
  // A route that refuses the request before reading the file (a missing right, a bad field) still
  // lets the rest of the upload flow through, so the connection is free for the answer.
  scope.addHook('onSend', async (request) => {
    const file = streamedFile(request.body);
    if (file && !file.stream.readableEnded) file.stream.resume();
  });
}

function parseUntilFile(request: FastifyRequest, payload: IncomingMessage, opts: Options): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = {};
    let file: Readable | null = null;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    let bb: ReturnType<typeof createBusboy>;
    try {
      bb = createBusboy(request, opts);
    } catch {
      // No boundary, or not multipart after all.
      return reject(unreadableForm());
    }
    bb.on('field', (name: string, value: string) => {
      const prior = fields[name];
      // defineProperty: a field called "__proto__" stays a field.
      Object.defineProperty(fields, name, { value: prior === undefined ? value : [...[prior].flat(), value], enumerable: true, writable: true, configurable: true });
    });
    bb.on('file', (field: string, stream: Readable, filename: string | undefined) => {
      if (settled) {
        stream.resume();
        return;
      }
      file = stream;
      stream.on('limit', () => stream.destroy(opts.tooLarge()));
      settle(() => resolve(Object.assign(fields, { [FILE]: { field, filename: filename ?? '', stream } satisfies StreamedFile })));
    });
    bb.on('error', () => settle(() => reject(unreadableForm())));
    bb.on('finish', () => settle(() => resolve(fields)));
    // A sender gone halfway: the route reading the file gets the error instead of waiting forever.
    const broken = () => {
      if (file && !file.readableEnded) file.destroy(unreadableForm());
      settle(() => reject(unreadableForm()));
    };
    payload.on('aborted', broken);
    payload.on('error', broken);
    payload.pipe(bb);
  });
}

function createBusboy(request: FastifyRequest, opts: Options) {
  return new Busboy({ headers: request.headers as BusboyHeaders, limits: { files: 1, fileSize: opts.maxFileBytes, fieldSize: 64 * 1024, fieldNameSize: 200 } });
}

/** The file of a body parsed by registerStreamedUpload, or null (none sent, or another parser). */
export function streamedFile(body: unknown): StreamedFile | null {
  if (!body || typeof body !== 'object') return null;
  return (body as { [FILE]?: StreamedFile })[FILE] ?? null;
}
