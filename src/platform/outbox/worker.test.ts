import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import type { Ctx } from '../context.ts';
import { enqueueMail } from './enqueue.ts';
import { retryUncertainMail } from './retry-uncertain.ts';
import { outboxMail } from './schema.ts';
import { nothingDelivered } from './transport.ts';
import { interruptedError, leaseMs, startOutboxWorker, type OutboxWorker } from './worker.ts';

type Received = { rcptTo: string[]; headers: Record<string, string>; body: string };

let database: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SMTPServer;
let smtpUrl: string;
let received: Received[] = [];
let rejectRecipients = false;
let connectHook: (() => Promise<void>) | null = null;
let seenAtConnect: { status: string; smtpStartedAt: Date | null }[] = [];
let workers: OutboxWorker[] = [];
const clock = new Date('2025-03-01T09:00:00Z');
const log = pino({ level: 'silent' });

function parse(raw: string, rcptTo: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { rcptTo, headers, body: raw.slice(split + 4).trim() };
}

function worker(opts: { smtpUrl?: string; workerId?: string; now?: () => Date; pollMs?: number } = {}) {
  const w = startOutboxWorker({
    database,
    config: { smtpUrl: 'smtpUrl' in opts ? opts.smtpUrl : smtpUrl, mailFrom: 'Samspil <noreply@samspil.test>' },
    log,
    pollMs: opts.pollMs ?? 60_000,
    now: opts.now ?? (() => clock),
    ...(opts.workerId ? { workerId: opts.workerId } : {}),
  });
  workers.push(w);
  return w;
}

const queue = (n: number, extra: { cc?: string } = {}) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      enqueueMail(
        database.db,
        { to: `modtager${i}@kommune.test`, subject: `Emne ${i}`, body: `Hej nummer ${i}`, kind: 'test', ...extra },
        clock,
      ),
    ),
  );
const rows = () => database.db.select().from(outboxMail);

beforeAll(async () => {
  database = await freshDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (!connectHook) return callback();
      connectHook().then(() => callback(), callback);
    },
    onRcptTo(_address, _session, callback) {
      if (rejectRecipients) return callback(Object.assign(new Error('Ukendt modtager'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((a) => a.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  await database.drop();
});

beforeEach(async () => {
  await database.db.delete(outboxMail);
  received = [];
  rejectRecipients = false;
  connectHook = null;
  seenAtConnect = [];
});

afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});

describe('outbox worker', () => {
  it('sends a queued mail and marks it sent', async () => {
    await queue(1, { cc: 'kopi@kommune.test' });
    expect(await worker().runOnce()).toBe(1);

    expect(received).toHaveLength(1);
    const [mail] = received;
    const [row] = await rows();
    expect(mail?.headers.subject).toBe('Emne 0');
    expect(mail?.headers.to).toBe('modtager0@kommune.test');
    expect(mail?.headers.cc).toBe('kopi@kommune.test');
    expect(mail?.headers.from).toBe('Samspil <noreply@samspil.test>');
    expect(mail?.headers['message-id']).toBe(`<outbox-${row?.id}@samspil>`);
    expect(mail?.rcptTo.sort()).toEqual(['kopi@kommune.test', 'modtager0@kommune.test']);
    expect(mail?.body).toBe('Hej nummer 0');
    expect(row).toMatchObject({ status: 'sent', sentAt: clock, messageId: `<outbox-${row?.id}@samspil>`, lastError: null });
  });

  it('lets two workers drain the outbox concurrently without sending any mail twice', async () => {
    await queue(20);
    const a = worker({ workerId: 'a' });
    const b = worker({ workerId: 'b' });
    const drain = async (w: OutboxWorker) => {
      let total = 0;
      for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) total += n;
      return total;
    };
    const [fromA, fromB] = await Promise.all([drain(a), drain(b)]);

    expect(fromA + fromB).toBe(20);
    expect(received).toHaveLength(20);
    expect(new Set(received.map((m) => m.headers['message-id'])).size).toBe(20);
    expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('marks a mail abandoned mid-send as uncertain instead of sending it, until an admin requeues it', async () => {
    const [stale, fresh] = [randomUUID(), randomUUID()];
    const sending = { toAddress: 'x@kommune.test', subject: 'S', body: 'B', kind: 'test', status: 'sending' as const };
    await database.db.insert(outboxMail).values([
      { ...sending, id: stale, claimedBy: 'dead', claimedAt: new Date(clock.getTime() - leaseMs - 1000), smtpStartedAt: new Date(clock.getTime() - leaseMs - 1000) },
      { ...sending, id: fresh, claimedBy: 'busy', claimedAt: new Date(clock.getTime() - 60_000), smtpStartedAt: new Date(clock.getTime() - 60_000) },
    ]);
    expect(await worker().runOnce()).toBe(0);

    expect(received).toHaveLength(0);
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(byId.get(stale)).toMatchObject({ status: 'uncertain', lastError: interruptedError, attempts: 0 });
    expect(byId.get(fresh)?.status).toBe('sending');

    const ctx = {
      db: database.db,
      now: clock,
      requestId: 'test',
      config: {} as Ctx['config'],
      actor: {
        userId: randomUUID(),
        personId: randomUUID(),
        name: 'Admin',
        email: 'admin@kombit.test',
        municipalityCode: null,
        municipalityName: null,
        roles: [{ roleTypeKey: 'administrator', solutionKey: null, isPrimary: false }],
      },
    };
    await retryUncertainMail(ctx, stale);
    await expect(retryUncertainMail(ctx, fresh)).rejects.toMatchObject({ status: 409 });
    expect(await worker().runOnce()).toBe(1);
    expect(received.map((m) => m.headers['message-id'])).toEqual([`<outbox-${stale}@samspil>`]);
  });

  it('sends a mail again by itself when its worker died after claiming it but before the SMTP conversation began', async () => {
    const [orphan, young] = [randomUUID(), randomUUID()];
    const claimed = { toAddress: 'y@kommune.test', subject: 'Ikke begyndt', body: 'B', kind: 'test', status: 'sending' as const, claimedBy: 'dead' };
    await database.db.insert(outboxMail).values([
      { ...claimed, id: orphan, claimedAt: new Date(clock.getTime() - leaseMs - 1000) },
      // Its lease has not run out: the worker may still be alive and about to send it.
      { ...claimed, id: young, claimedAt: new Date(clock.getTime() - 60_000) },
    ]);
    const w = worker();
    expect(await w.runOnce()).toBe(1);

    expect(received.map((m) => m.headers['message-id'])).toEqual([`<outbox-${orphan}@samspil>`]);
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(byId.get(orphan)).toMatchObject({ status: 'sent', lastError: null });
    expect(byId.get(young)).toMatchObject({ status: 'sending', claimedBy: 'dead' });
    // Sent once: another round finds nothing to do.
    expect(await w.runOnce()).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('records that the SMTP conversation began, committed before the server hears from the worker', async () => {
    await queue(1);
    const [queued] = await rows();
    connectHook = async () => {
      const [row] = await rows();
      seenAtConnect.push({ status: row!.status, smtpStartedAt: row!.smtpStartedAt });
    };
    await worker().runOnce();

    expect(seenAtConnect).toEqual([{ status: 'sending', smtpStartedAt: clock }]);
    expect((await rows())[0]).toMatchObject({ id: queued!.id, status: 'sent', smtpStartedAt: clock });
  });

  it('leaves a mail whose conversation began and whose worker died uncertain, and does not send it', async () => {
    const begun = randomUUID();
    const old = new Date(clock.getTime() - leaseMs - 1000);
    await database.db
      .insert(outboxMail)
      .values({ id: begun, toAddress: 'z@kommune.test', subject: 'Begyndt', body: 'B', kind: 'test', status: 'sending', claimedBy: 'dead', claimedAt: old, smtpStartedAt: old });
    const w = worker();
    expect(await w.runOnce()).toBe(0);
    expect(await w.runOnce()).toBe(0);

    expect(received).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ status: 'uncertain', lastError: interruptedError });
  });

  it('puts a refused mail back with backoff, and gives up after the last attempt', async () => {
    rejectRecipients = true;
    await queue(1);
    const w = worker();
    expect(await w.runOnce()).toBe(1);

    const [row] = await rows();
    expect(received).toHaveLength(0);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimedBy: null, nextAttemptAt: new Date(clock.getTime() + 60_000) });
    expect(row?.lastError).toMatch(/Ukendt modtager/);
    expect(await w.runOnce()).toBe(0);

    await database.db.update(outboxMail).set({ attempts: 7, nextAttemptAt: clock });
    expect(await w.runOnce()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: 8 });
  });

  it('retries later when the SMTP server cannot be reached', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(resolve));
    await queue(1);
    await worker({ smtpUrl: `smtp://127.0.0.1:${port}` }).runOnce();

    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('sends nothing when SMTP_URL is not set', async () => {
    await queue(2);
    expect(await worker({ smtpUrl: undefined }).runOnce()).toBe(0);

    expect(received).toHaveLength(0);
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('polls on its own and stops cleanly', async () => {
    await queue(1);
    const w = worker({ pollMs: 10, now: () => new Date() });
    await vi.waitFor(async () => expect((await rows())[0]?.status).toBe('sent'), { timeout: 5000 });
    await w.stop();
    expect(received).toHaveLength(1);
  });
});

describe('nothingDelivered', () => {
  it('counts refusals and failures to connect as safe to retry, a dropped connection as not', () => {
    expect(nothingDelivered({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(nothingDelivered({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).toBe(true);
    expect(nothingDelivered({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' })).toBe(true);
    expect(nothingDelivered({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' })).toBe(false);
    expect(nothingDelivered({ code: 'ECONNECTION' })).toBe(false);
  });
});
