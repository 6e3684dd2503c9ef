import { createHash, type Hash } from 'node:crypto';

/**
 * Collects one uploaded file's bytes as they stream in, into a single Buffer, hashing them on the
 * way. Holding a list of chunks and concatenating it at the end (or reading the whole body, then
 * copying it into a form parser) keeps the file in memory two to four times over; this keeps it
 * once. `expected` is the best guess of the file's size (what is left of the request's
 * Content-Length): allocating it up front means no copying at all for the usual single-file upload.
 */
export class FileSink {
  private buf: Buffer;
  private used = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    expected: number,
    /** Bytes beyond this are counted but not kept: the caller refuses the file by its size. */
    private readonly keepAtMost: number,
  ) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(0, Math.min(expected, keepAtMost)));
  }

  /** Every byte the sender sent for this file, kept or not. */
  size = 0;

  write(chunk: Buffer): void {
    this.size += chunk.length;
    const room = this.keepAtMost - this.used;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.hash.update(part);
    if (this.used + part.length > this.buf.length) this.grow(this.used + part.length);
    part.copy(this.buf, this.used);
    this.used += part.length;
  }

  private grow(needed: number): void {
    const next = Buffer.allocUnsafeSlow(Math.min(this.keepAtMost, Math.max(needed, this.buf.length * 2, 64 * 1024)));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }

  /** The file's bytes (at most keepAtMost) and the SHA-256 of exactly those bytes. */
  finish(): { content: Buffer; sha256: string } {
    // A guess far above the real size (a small file early in a large request) would hold memory
    // for nothing as long as the file is kept: then one exact copy is cheaper.
    const content = this.used < this.buf.length * 0.75 ? Buffer.from(this.buf.subarray(0, this.used)) : this.buf.subarray(0, this.used);
    const sha256 = this.hash.digest('hex');
    this.buf = Buffer.alloc(0);
    return { content, sha256 };
  }
}

/**
 * @fastify/multipart's onFile for the application-wide set-up (one file per request): the file
 * lands in one Buffer sized from the request's Content-Length instead of a list of chunks that is
 * concatenated at the end. The plugin's own fileSize limit still cuts the stream and answers 413.
 */
export function collectFilePart(maxBytes: number) {
  return async function (this: { headers: Record<string, string | string[] | undefined> }, part: { file: AsyncIterable<Buffer>; value?: unknown }): Promise<void> {
    const declared = Number(this.headers['content-length']);
    const sink = new FileSink(Number.isFinite(declared) ? declared : 0, maxBytes);
    for await (const chunk of part.file) sink.write(chunk);
    part.value = sink.finish().content;
  };
}
