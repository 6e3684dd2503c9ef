import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_PASSWORD, hasAnyPeople, seedDemoData } from './modules/demo.ts';
import { agreementJobs } from './modules/agreements/background-jobs.ts';
import { notificationJobs } from './modules/notifications/background-jobs.ts';
import { taskJobs } from './modules/tasks/background-jobs.ts';
import { ssoJobs, startDemoIdps } from './modules/sso/index.ts';
import { startOutboxWorker } from './platform/outbox/worker.ts';
import { pruneJobs } from './platform/scheduler/prune-expired.ts';
import { startScheduler } from './platform/scheduler/scheduler.ts';

/** config → db → migrate → (demo seed) → app → listen, and a graceful stop on SIGTERM/SIGINT. */
export async function serve(given: Config): Promise<FastifyInstance> {
  // Demo only: the test identity providers start first, as the configuration points at them.
  const demoIdps = given.demoIdps ? await startDemoIdps(given) : null;
  const config = demoIdps?.config ?? given;
  const database = await openDatabase(config);
  await migrate(database);
  let seeded = false;
  const empty = !(await hasAnyPeople(database.db));
  if (config.mode === 'demo' && empty) {
    await seedDemoData(database.db, { config });
    seeded = true;
  }
  const app = await buildApp({ config, database });
  const worker = config.outboxWorker ? startOutboxWorker({ database, config, log: app.log }) : null;
  app.server.requestTimeout = 30_000;
  app.server.headersTimeout = 35_000;
  await app.listen({ port: config.port, host: config.host });
  // Publishing, reminders, digests and clearing expired counts, every minute. Every instance may run it: the jobs take an
  // advisory lock each, and their unique constraints keep them correct even without it.
  const scheduler = startScheduler({
    database,
    log: app.log,
    jobs: [...taskJobs(database, config), ...agreementJobs(database, config), ...notificationJobs(database, config), ...pruneJobs(database), ...ssoJobs(database)],
  });

  // Before the banner: whoever waits for it (a supervisor, a test) may send SIGTERM right away.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking requests, let in-flight ones finish, then stop the background jobs and the database.
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close();
      await scheduler.stop();
      await worker?.stop();
      await database.close();
      await demoIdps?.close();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite i ${config.dataDir}`;
  const lines = [
    '',
    `Samspil kører på ${config.publicUrl}  (database: ${where}, tilstand: ${config.mode})`,
  ];
  if (config.mode === 'demo') {
    lines.push(
      seeded ? 'Demodata er indlæst.' : 'Demodata fandtes allerede.',
      `Log ind med adgangskoden ${DEMO_PASSWORD} som fx:`,
      '  admin@samspil.demo               (central administrator)',
      '  konsulent@samspil.demo           (central konsulent)',
      '  klikadmin-0320@samspil.demo      (KLIK-administrator, Faxe)',
      '  programleder-0320@samspil.demo   (programleder, Faxe; alle kommuner: programleder-KKKK / klikadmin-KKKK)',
      '  it-chef-0320@samspil.demo        (IT- og digitaliseringschef, Faxe: underskriver K98-aftalen)',
      ...(demoIdps?.lines ?? []),
    );
  }
  if (config.mode === 'production' && empty) {
    // Nobody can log in yet, and production never invents accounts: say how the first one is made.
    lines.push(
      'Databasen har ingen brugere endnu. Opret den første centrale administrator med:',
      '  npm run samspil -- admin create --email DIN@EMAIL.DK --name "DIT NAVN"',
      'Kommandoen skriver et engangslink ud til at vælge adgangskode. (Demodata: npm start eller samspil serve --demo.)',
    );
  }
  if (!config.smtpUrl) lines.push('SMTP_URL er ikke sat: mails bliver liggende under "Udgående post".');
  console.log(`${lines.join('\n')}\n`);
  return app;
}
