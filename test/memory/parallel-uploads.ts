import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/modules/organisations/demo.ts';
import { DEMO, loginAs } from '../app.ts';
import { freshDatabase } from '../db.ts';
import { buildAgreement } from '../factories/agreements.ts';

/**
 * Run as its own process with --expose-gc (test/upload-memory.test.ts does): six signed copies of
 * 20 MB each are uploaded at once, and the process's memory is measured against a collected
 * baseline, while the bodies are read and once every route has its files. The uploads leave out
 * the signer's name, so the use case refuses them after the files are read: what is measured is
 * the HTTP layer's handling of the files, not what the database engine does with stored bytes.
 * Prints one line of JSON.
 */

const UPLOADS = Number(process.env.UPLOADS ?? 6);
const FILE_BYTES = 20 * 1024 * 1024 - 64 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const database = await freshDatabase();
await seedDemo(database.db);
const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://samspil.test' });
const app = await buildApp({ config, database, logger: false });

let peakRss = 0;
let peakBuffers = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
};
// Once a route has its files, everything the body parser made for it is either held or garbage.
app.addHook('preHandler', async () => sample());
await app.ready();

const { agreement } = await buildAgreement(database.db, { targets: ['0320'], audienceRoleKey: 'programleder' });
const leader = await loginAs(app, DEMO.programLeader('0320'));
const cookie = [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

const boundary = 'hukommelse';
const bodies = Array.from({ length: UPLOADS }, (_, i) => {
  const file = Buffer.alloc(FILE_BYTES, 0x20);
  file.write(`%PDF-1.4 kopi ${i}\n`);
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="underskrevet-${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
});
const data = bodies.reduce((n, b) => n + b.length, 0);

gc();
await new Promise((r) => setTimeout(r, 50));
gc();
const base = process.memoryUsage();
peakRss = base.rss;
peakBuffers = base.arrayBuffers;
const timer = setInterval(sample, 1);

const answers = await Promise.all(
  bodies.map((payload) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${agreement.id}/signature-uploads`,
      headers: { cookie, 'x-csrf-token': leader.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    }),
  ),
);
sample();
clearInterval(timer);

const statuses = answers.map((r) => r.statusCode);
const fieldErrors = answers.map((r) => Object.keys((r.json() as { fieldErrors?: object }).fieldErrors ?? {}).sort().join(','));
console.log(
  JSON.stringify({
    uploads: UPLOADS,
    data,
    rss: (peakRss - base.rss) / data,
    arrayBuffers: (peakBuffers - base.arrayBuffers) / data,
    statuses,
    fieldErrors,
  }),
);
await app.close();
await database.drop();
