import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, lte } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { outboxMail } from './schema.ts';
import { createMailTransport, nothingDelivered } from './transport.ts';

type LogFn = (obj: object, msg: string) => void;
export type OutboxLog = { info: LogFn; warn: LogFn; error: LogFn };

export type OutboxWorker = {
  /** Sweeps, claims one batch and sends it; resolves to how many mails it claimed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
};

export type OutboxWorkerOptions = {
  database: Database;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  log: OutboxLog;
  workerId?: string;
  pollMs?: number;
  batchSize?: number;
  now?: () => Date;
};

export const maxAttempts = 8;
/**
 * Longer than any single send can take given the transport's timeouts; counted from the claim for
 * a mail whose sending has not begun, and from the start of the SMTP conversation for one that has.
 */
export const leaseMs = 10 * 60_000;
export const interruptedError = 'Afsendelse blev afbrudt – kontrollér om modtageren fik mailen';

/** 1, 5, 25, 125 minutes, then six hours: a mail server down for a weekend still gets its mail. */
export function backoffMs(attempts: number): number {
  return Math.min(5 ** (attempts - 1), 360) * 60_000;
}

export function startOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { database, config, log } = opts;
  if (!config.smtpUrl) {
    log.info({}, 'SMTP_URL er ikke sat: mails bliver liggende i udbakken');
    return { runOnce: async () => 0, stop: async () => {} };
  }
  const db = database.db;
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = opts.batchSize ?? 10;
  const transport = createMailTransport(config.smtpUrl, config.mailFrom);
  let stopping = false;

  // A worker that died before its SMTP conversation began sent nothing, so its mails go back in
  // the queue; one that died after may have delivered, and only an admin may decide to send again.
  async function sweep(at: Date) {
    const expired = new Date(at.getTime() - leaseMs);
    const requeued = await db
      .update(outboxMail)
      .set({ status: 'pending', claimedAt: null, claimedBy: null, nextAttemptAt: at })
      .where(and(eq(outboxMail.status, 'sending'), isNull(outboxMail.smtpStartedAt), lt(outboxMail.claimedAt, expired)))
      .returning({ id: outboxMail.id, claimedBy: outboxMail.claimedBy });
    for (const s of requeued) {
      log.warn({ mailId: s.id, claimedBy: s.claimedBy }, 'Mail efterladt før afsendelsen begyndte er lagt tilbage i køen');
    }
    const stuck = await db
      .update(outboxMail)
      .set({ status: 'uncertain', lastError: interruptedError })
      .where(and(eq(outboxMail.status, 'sending'), lt(outboxMail.smtpStartedAt, expired)))
      .returning({ id: outboxMail.id, claimedBy: outboxMail.claimedBy });
    for (const s of stuck) {
      log.warn({ mailId: s.id, claimedBy: s.claimedBy }, 'Mail efterladt under afsendelse er markeret usikker');
    }
  }

  // One autocommitted statement: the claim is durable before any byte goes to the SMTP server,
  // and SKIP LOCKED lets concurrent workers take disjoint rows instead of waiting or duplicating.
  async function claim(at: Date) {
    const due = db
      .select({ id: outboxMail.id })
      .from(outboxMail)
      .where(and(eq(outboxMail.status, 'pending'), lte(outboxMail.nextAttemptAt, at)))
      .orderBy(asc(outboxMail.nextAttemptAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return db
      .update(outboxMail)
      .set({ status: 'sending', claimedAt: at, claimedBy: workerId, smtpStartedAt: null })
      .where(and(inArray(outboxMail.id, due), eq(outboxMail.status, 'pending')))
      .returning();
  }

  // Guarded by claimedBy so a late outcome cannot overwrite a row an admin has since requeued.
  const mine = (id: string) =>
    and(eq(outboxMail.id, id), eq(outboxMail.claimedBy, workerId), inArray(outboxMail.status, ['sending', 'uncertain']));

  async function deliver(row: typeof outboxMail.$inferSelect) {
    const mail = { id: row.id, to: row.toAddress, cc: row.ccAddress, subject: row.subject, body: row.body };
    // Committed on its own before the first byte goes out: from here on a crash leaves the mail
    // 'uncertain' instead of sending it again. No row back means the claim was lost meanwhile.
    const started = await db
      .update(outboxMail)
      .set({ smtpStartedAt: now() })
      .where(and(eq(outboxMail.id, row.id), eq(outboxMail.claimedBy, workerId), eq(outboxMail.status, 'sending')))
      .returning({ id: outboxMail.id });
    if (started.length === 0) return;
    try {
      const info = await transport.send(mail);
      const lastError = info.rejected.length ? `Afvist af modtagerserveren: ${info.rejected.join(', ')}` : null;
      await db
        .update(outboxMail)
        .set({ status: 'sent', sentAt: now(), messageId: info.messageId, lastError })
        .where(mine(row.id));
      log.info({ mailId: row.id, kind: row.kind }, 'Mail sendt');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = row.attempts + 1;
      if (!nothingDelivered(error)) {
        await db
          .update(outboxMail)
          .set({ status: 'uncertain', attempts, lastError: `${interruptedError}: ${message}` })
          .where(mine(row.id));
        log.error({ mailId: row.id, err: error }, 'Forbindelsen til mailserveren faldt under afsendelse');
        return;
      }
      const failed = attempts >= maxAttempts;
      await db
        .update(outboxMail)
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          lastError: message,
          nextAttemptAt: new Date(now().getTime() + backoffMs(attempts)),
          claimedAt: null,
          claimedBy: null,
          smtpStartedAt: null,
        })
        .where(mine(row.id));
      log.warn({ mailId: row.id, attempts, failed, err: error }, 'Mailserveren afviste eller kunne ikke nås');
    }
  }

  async function batch(): Promise<number> {
    const at = now();
    await sweep(at);
    const rows = await claim(at);
    for (const [i, row] of rows.entries()) {
      if (stopping) {
        // Not attempted yet, so handing them back cannot cause a duplicate.
        const rest = rows.slice(i).map((r) => r.id);
        await db
          .update(outboxMail)
          .set({ status: 'pending', claimedAt: null, claimedBy: null })
          .where(and(inArray(outboxMail.id, rest), eq(outboxMail.claimedBy, workerId), eq(outboxMail.status, 'sending')));
        break;
      }
      await deliver(row);
    }
    return rows.length;
  }

  // Batches of one worker run one after another, so stop() has a single promise to wait for.
  let chain: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    const run = chain.then(batch);
    chain = run.catch(() => {});
    return run;
  };

  const pollMs = opts.pollMs ?? 2000;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => log.error({ err }, 'Udbakken kunne ikke behandles'))
        .finally(schedule);
    }, pollMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await chain;
      transport.close();
    },
  };
}
