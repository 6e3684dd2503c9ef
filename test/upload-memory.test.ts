import { execFile } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';
import { childEnv } from './db.ts';
import { buildAgreement } from './factories/agreements.ts';

/**
 * Uploads are held in memory once: six signed copies of 20 MB sent at once raise the process's
 * memory by about the data itself (it was 1.7× in RSS and 2.2× in Buffers, from the copies the
 * old body parser made), and a body above the limit is refused while it streams in.
 */

const run = promisify(execFile);
const child = fileURLToPath(new URL('./memory/parallel-uploads.ts', import.meta.url));
const aulaChild = fileURLToPath(new URL('./memory/aula-import-upload.ts', import.meta.url));
const MB = 1024 * 1024;

describe('uploads in memory', () => {
  it('six parallel 20 MB uploads raise memory by at most about the data', { timeout: 180_000 }, async () => {
    // Its own process, so the baseline can be collected (--expose-gc) and no other test's garbage counts.
    // childEnv: the child copies this run's migrated template instead of running initdb and the migrations.
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child], { env: childEnv(), maxBuffer: 1024 * 1024 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { data: number; rss: number; arrayBuffers: number; statuses: number[]; fieldErrors: string[] };
    // Every body was read to the end (the files were there; only the names were missing).
    expect(result.statuses).toEqual(Array(6).fill(422));
    expect(result.fieldErrors.every((f) => !f.includes('fil'))).toBe(true);
    expect(result.data).toBeGreaterThan(6 * 19 * MB);
    expect(result.arrayBuffers).toBeLessThan(1.25);
    expect(result.rss).toBeLessThan(1.25);
  });

  it("Aula's secure-file inventory is read as it arrives: no copy of the file is held, whatever its size", { timeout: 180_000 }, async () => {
    // A heap cap as a small server would have: garbage is collected as it goes, and only what is held counts.
    const { stdout } = await run(process.execPath, ['--expose-gc', '--max-old-space-size=100', '--import', 'tsx', aulaChild], {
      env: childEnv({ ...process.env, LINES: '30000,300000' }),
      maxBuffer: 1024 * 1024,
    });
    const [small, large] = stdout.trim().split('\n').slice(-2).map((l) => JSON.parse(l) as { lines: number; bytes: number; growth: number; buffers: number; status: number; message: string });
    // Every line was read: all of them are reported as refused (they belong to another municipality).
    expect(large!.status).toBe(422);
    expect(large!.message).toContain('Filen har fejl i 300.000 linjer');
    expect(large!.bytes).toBeGreaterThan(20 * MB);
    // A buffered upload would hold all 23 MB in one Buffer; streamed, the Buffers in use stay at a
    // few chunks, for the large file as for the one a tenth its size.
    expect(large!.buffers).toBeLessThan(5 * MB);
    expect(small!.buffers).toBeLessThan(5 * MB);
    // The heap grows by the parser's garbage, which the capped heap collects when it gets to it: on
    // a busy machine that peak has reached 1.2 times the file. A copy of the file held as text (two
    // bytes a character here, for the ø) would add twice the file on top of that garbage.
    expect(large!.growth).toBeLessThan(1.6 * large!.bytes);
  });

  describe('a body over the limit', () => {
    let t: TestApp;
    let leader: Client;
    let agreementId: string;
    const boundary = 'forstor';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stor.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    const stored = async () => {
      const res = (await t.database.db.execute(sql.raw(`select count(*)::int as n from agreement_signature where agreement_id = '${agreementId}'`))) as unknown as { rows: { n: number }[] };
      return Number(res.rows[0]!.n);
    };
    const upload = (payload: Buffer | Readable, extra: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/agreements/${agreementId}/signature-uploads`,
        headers: { cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': leader.csrf, 'content-type': `multipart/form-data; boundary=${boundary}`, ...extra },
        payload,
      });

    beforeAll(async () => {
      t = await startTestApp();
      agreementId = (await buildAgreement(t.database.db, { targets: ['0320'], audienceRoleKey: 'programleder' })).agreement.id;
      leader = await loginAs(t.app, DEMO.programLeader('0320'));
    });
    afterAll(async () => t?.close());

    it('is refused with 413 from its declared length, before it is read', async () => {
      const body = Buffer.concat([head, Buffer.alloc(30 * MB, 0x20), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const res = await upload(body);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('højst fylde 20 MB') });
      expect(await stored()).toBe(0);
    });

    it('is refused with 413 while it streams in, when no length was declared', async () => {
      let sent = 0;
      const total = 40;
      const stream = Readable.from(
        (function* () {
          yield head;
          for (let i = 0; i < total; i++) {
            sent++;
            yield Buffer.alloc(MB, 0x20);
          }
          yield Buffer.from(`\r\n--${boundary}--\r\n`);
        })(),
      );
      const res = await upload(stream, { 'transfer-encoding': 'chunked' });
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toContain('højst fylde 20 MB');
      // The rest was never pulled in: the answer came once the limit was passed.
      expect(sent).toBeLessThan(total);
      expect(await stored()).toBe(0);
    });
  });
});
