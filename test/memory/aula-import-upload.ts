import { Readable } from 'node:stream';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/modules/organisations/demo.ts';
import { DEMO, loginAs } from '../app.ts';
import { freshDatabase } from '../db.ts';

/**
 * Run as its own process with --expose-gc (test/upload-memory.test.ts does): Faxe's programleder
 * uploads Aula secure-file inventories of LINES lines, each line for another municipality, through
 * the import page's API. Every line is read and refused (a keeper imports for their own
 * municipality only), so nothing reaches the database and what is measured is the upload and the
 * parsing: the process's memory against a collected baseline, sampled as the file streams in. The
 * CSV is generated as the request reads it, so the sender holds none of it either. Prints one line
 * of JSON per size.
 */

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const database = await freshDatabase();
await seedDemo(database.db);
const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://samspil.test' });
const app = await buildApp({ config, database, logger: false });
await app.ready();
const leader = await loginAs(app, DEMO.programLeader('0320'));
const cookie = [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const boundary = 'sikrefiler';

function* body(lines: number): Generator<Buffer> {
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="sikre-filer.csv"\r\nContent-Type: text/csv\r\n\r\n` +
      'kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;udloesende_dato;journaliseret;esdh_reference\n',
  );
  let chunk = '';
  for (let i = 1; i <= lines; i++) {
    chunk += `0153;F-${i};${100 + (i % 40)};Brøndby Børnehus ${i % 40};Referater;2025-01-01;2025-06-01;nej;\n`;
    if (chunk.length > 64 * 1024) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(`${chunk}\r\n--${boundary}--\r\n`);
}

for (const lines of (process.env.LINES ?? '40000,400000').split(',').map(Number)) {
  let bytes = 0;
  const payload = Readable.from(
    (function* () {
      for (const b of body(lines)) {
        bytes += b.length;
        yield b;
      }
    })(),
  );
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const base = process.memoryUsage();
  let peak = 0;
  let buffers = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
    buffers = Math.max(buffers, m.arrayBuffers - base.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/aula/files/import',
    headers: { cookie, 'x-csrf-token': leader.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  sample();
  clearInterval(timer);
  console.log(JSON.stringify({ lines, bytes, growth: peak, buffers, status: res.statusCode, message: (res.json() as { message?: string }).message ?? '' }));
}
await app.close();
await database.drop();
