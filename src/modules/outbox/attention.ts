import { sql } from 'drizzle-orm';
import { rawRows } from '../../db/client.ts';
import { registerAttentionProvider, type AttentionItem } from '../../platform/attention/provider.ts';
import { mayReadOutbox } from './queries.ts';

/**
 * Mails that need an administrator: failed (given up after the retries) and uncertain (the worker
 * may have handed the mail to the SMTP server before it died; someone must check and resend). One
 * item per status, linking to the outbox filtered on it, since a failure usually hits many mails
 * at once (the SMTP server was down); the badge counts the mails. Only those who may read the
 * outbox (mayReadOutbox, its own check) get the section.
 */
const NEEDS_ADMIN = sql`from outbox_mail where status in ('failed', 'uncertain')`;

const TEXT = {
  failed: { one: '1 mail kunne ikke sendes', many: (n: number) => `${n} mails kunne ikke sendes`, severity: 'alert' },
  uncertain: { one: '1 mail med usikker afsendelse', many: (n: number) => `${n} mails med usikker afsendelse`, severity: 'warning' },
} as const;

type Row = { status: 'failed' | 'uncertain'; n: number; oldest: Date | string };

export function registerOutboxAttention(): void {
  registerAttentionProvider({
    key: 'outbox.problems',
    heading: 'Udgående post, der kræver handling',
    order: 130,
    statements: 1,
    menu: 'post',
    forActor: (ctx) => {
      if (!mayReadOutbox(ctx.actor)) return null;
      return rawRows<Row>(ctx.db, sql`select status, count(*)::int as n, min(created_at) as oldest ${NEEDS_ADMIN} group by status order by status`).then((rows) =>
        rows.map((r): AttentionItem => {
          const t = TEXT[r.status];
          const n = Number(r.n);
          return {
            kind: `outbox.${r.status}`,
            title: n === 1 ? t.one : t.many(n),
            detail: r.status === 'failed' ? 'Se fejlen ved hver mail; Samspil har opgivet at sende dem' : 'Kontrollér hos modtageren, om mailen kom frem, og send den igen fra mailens side',
            since: new Date(r.oldest),
            href: `/udgaaende-post?status=${r.status}`,
            severity: t.severity,
          };
        }),
      );
    },
    countForActor: (actor) => (mayReadOutbox(actor) ? sql`select count(*) ${NEEDS_ADMIN}` : null),
  });
}
