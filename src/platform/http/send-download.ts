import type { FastifyReply } from 'fastify';

/** Types we let the browser see as what they are; anything else goes out as plain bytes. */
const KNOWN_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/msword',
  'application/zip',
  'text/csv',
  'text/plain',
  'image/png',
  'image/jpeg',
]);

/**
 * An uploaded file back to whoever may read it: always as a download (content-disposition
 * attachment), never rendered in the application's origin, not cached by shared caches. The name
 * is kept in UTF-8 (filename*) with an ASCII fallback. `sha256`, when given, is sent as
 * x-content-sha256 so whoever archives the file can check it.
 */
export function sendDownload(reply: FastifyReply, file: { filename: string; contentType: string; content: Buffer | Uint8Array; sha256?: string }) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/[";\\]/g, '_');
  reply
    .type(KNOWN_TYPES.has(file.contentType) ? file.contentType : 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'private, no-store');
  if (file.sha256) reply.header('x-content-sha256', file.sha256);
  return reply.send(Buffer.from(file.content));
}

const DANISH_LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', é: 'e', ü: 'u' };

/** Header values must stay ASCII (Content-Disposition), and "Høje-Taastrup" should still be recognisable. */
export function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåéü]/g, (c) => DANISH_LETTERS[c] ?? '')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
