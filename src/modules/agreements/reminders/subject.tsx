import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { MailPreview, plural, SendRoundForm } from '../../../platform/reminders/page.tsx';
import type { ManualSectionProps, ReminderSubject } from '../../../platform/reminders/subject.ts';
import { Notice } from '../../../platform/views/components.tsx';
import { danishCompare, formatDayLong } from '../../../platform/views/format.ts';
import { municipalStatusEnum as statusEnum } from '../central/api.ts';
import { AGREEMENT_STATUS_LABELS, MUNICIPAL_STATUS_LABELS } from '../labels.ts';
import { loadAgreement, type AgreementRow } from '../load-agreement.ts';
import { agreement } from '../schema.ts';
import { type MunicipalStatus, OUTSTANDING, REMINDED } from '../status.ts';
import { agreementReminderLog } from './queries.ts';
import { deliverRound, remindedRecipients, upcomingAgreementReminders } from './send-reminders.ts';
import { agreementReminderText } from './text.ts';

export type PreviewRecipient = { municipalityCode: string; municipalityName: string; name: string; email: string };

/** The agreement's part of a preview: who a round mails, and who is outstanding but not reminded. */
export type AgreementReminderDetails = {
  recipients: PreviewRecipient[];
  /** Every municipality that has not signed, with how many of its people get the reminder (0 = nobody holds the role). */
  municipalities: { code: string; name: string; status: MunicipalStatus; recipients: number }[];
  /** Outstanding, but not reminded: in dialogue with central staff. Also those whose upload awaits review. */
  notReminded: { code: string; name: string; status: MunicipalStatus }[];
};

const previewOut = z
  .object({
    roundId: z.string(),
    open: z.boolean().describe('Kun aftaler, der er udsendt til underskrift, kan der sendes påmindelser om'),
    subject: z.string(),
    body: z.string(),
    recipients: z.array(z.object({ municipalityCode: z.string(), municipalityName: z.string(), name: z.string(), email: z.string() })),
    municipalities: z
      .array(z.object({ code: z.string(), name: z.string(), status: statusEnum, recipients: z.number() }))
      .describe('Kommuner, der ikke har underskrevet; recipients 0 = ingen har rollen i rollegalleriet'),
    notReminded: z
      .array(z.object({ code: z.string(), name: z.string(), status: statusEnum }))
      .describe('I dialog eller med en underskrevet kopi, der afventer godkendelse: får ingen påmindelse'),
  })
  .meta({ id: 'AgreementReminderPreview' });

/** Exactly the people deliverRound would mail: holders of the audience role in municipalities that have not signed. */
async function unsignedDetails(db: Parameters<typeof remindedRecipients>[0], a: AgreementRow): Promise<AgreementReminderDetails> {
  const { recipients, statuses } = await remindedRecipients(db, a);
  const nameOf = new Map(statuses.map((s) => [s.municipalityCode, s.municipalityName]));
  const counts = new Map<string, number>();
  for (const r of recipients) counts.set(r.municipalityCode, (counts.get(r.municipalityCode) ?? 0) + 1);
  return {
    recipients: recipients
      .map((r) => ({ municipalityCode: r.municipalityCode, municipalityName: nameOf.get(r.municipalityCode) ?? r.municipalityCode, name: r.name, email: r.email }))
      .sort((x, y) => danishCompare(x.municipalityName, y.municipalityName) || danishCompare(x.name, y.name)),
    // loadStatuses returns the rows in Danish order already.
    municipalities: statuses
      .filter((s) => REMINDED.includes(s.status))
      .map((s) => ({ code: s.municipalityCode, name: s.municipalityName, status: s.status, recipients: counts.get(s.municipalityCode) ?? 0 })),
    notReminded: statuses
      .filter((s) => !REMINDED.includes(s.status) && (OUTSTANDING.includes(s.status) || s.status === 'pending'))
      .map((s) => ({ code: s.municipalityCode, name: s.municipalityName, status: s.status })),
  };
}

function ManualSection(p: ManualSectionProps<AgreementReminderDetails>): JSX.Element {
  const { preview } = p;
  if (!preview.open) return <Notice kind="info" text="Der kan kun sendes påmindelser, når aftalen er udsendt til underskrift." />;
  const notReminded = preview.notReminded.length ? (
    <>
      <h3>Får ingen påmindelse</h3>
      <ul id="uden-paamindelse">
        {preview.notReminded.map((m) => (
          <li safe>{`${m.name}: ${MUNICIPAL_STATUS_LABELS[m.status].toLowerCase()} – får ingen påmindelse`}</li>
        ))}
      </ul>
    </>
  ) : (
    ''
  );
  if (preview.municipalities.length === 0) {
    return (
      <>
        <Notice kind="info" text="Ingen kommuner mangler at underskrive uden at være i dialog. Der er ingen at minde om." />
        {notReminded}
      </>
    );
  }
  const reached = preview.municipalities.filter((m) => m.recipients > 0).length;
  return (
    <>
      <p safe>
        {`${plural(preview.municipalities.length, 'kommune har', 'kommuner har')} ikke underskrevet. Påmindelsen går til ${plural(preview.recipients.length, 'modtager', 'modtagere')} i ${plural(reached, 'kommune', 'kommuner')}.`}
      </p>
      <MailPreview subject={preview.subject} body={preview.body} />
      {preview.recipients.length ? (
        <SendRoundForm action={p.action} roundId={preview.roundId} recipients={preview.recipients.length} csrfToken={p.csrfToken} confirm={p.confirm} />
      ) : (
        ''
      )}
      <h3>Modtagere pr. kommune</h3>
      <table class="table table--compact table--zebra" id="modtagere">
        <caption class="sr-only">Kommuner, der ikke har underskrevet, og hvem i dem der får påmindelsen</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col">Modtagere</th>
          </tr>
        </thead>
        <tbody>
          {preview.municipalities.map((m) => {
            const people = preview.recipients.filter((r) => r.municipalityCode === m.code);
            return (
              <tr data-kommune={m.code}>
                <th scope="row" safe>
                  {m.name}
                </th>
                <td>
                  {people.length === 0 ? (
                    <span class="samspil-vacant">Ingen modtager i rollegalleriet – får ingen påmindelse</span>
                  ) : (
                    <ul class="nobullet-list">
                      {people.map((r) => (
                        <li safe>{`${r.name} <${r.email}>`}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notReminded}
    </>
  );
}

/** An agreement's reminders: a tool of central editors, for the municipalities that have not signed. */
export const agreementReminders: ReminderSubject<AgreementRow, AgreementReminderDetails> = {
  label: 'aftalen',
  indefinite: 'en aftale',
  log: agreementReminderLog,
  load(ctx, id) {
    if (!isCentral(ctx.actor)) throw notFound('Aftalen findes ikke.');
    return loadAgreement(ctx.db, ctx.actor, id, 'manage');
  },
  open: (a) => a.status === 'sent',
  mailText: (a, ctx) => agreementReminderText({ agreement: a, now: ctx.now, publicUrl: ctx.config.publicUrl }),
  details: (ctx, a) => unsignedDetails(ctx.db, a),
  noDetails: () => ({ recipients: [], municipalities: [], notReminded: [] }),
  upcoming: (a, now) => upcomingAgreementReminders(a, now),
  async sendRound(tx, ctx, a, slot) {
    // The lock waits for a dispatch or a closing in progress, so the round sees its outcome.
    const [locked] = await tx
      .select()
      .from(agreement)
      .where(and(eq(agreement.id, a.id), eq(agreement.status, 'sent')))
      .for('update');
    if (!locked) return null;
    return deliverRound(tx, ctx, locked, { slot, manual: true });
  },
  closedMessage: 'Der kan kun sendes påmindelser for aftaler, der er udsendt til underskrift.',
  page: {
    nav: 'aftaler',
    title: (a) => a.title,
    lead: (a) => a.title,
    statusLine: (a) => `${a.deadline ? `Frist ${formatDayLong(a.deadline)} · ` : ''}${AGREEMENT_STATUS_LABELS[a.status]}`,
    back: (a) => ({ href: `/aftaler/${a.id}/status`, text: 'Tilbage til status pr. kommune' }),
    manualHeading: 'Send påmindelse til dem, der ikke har underskrevet',
    automaticIntro:
      'Samspil sender selv påmindelser kl. 9 dansk tid – som standard 7 dage før fristen, dagen før og på fristdagen – og derefter hver ' +
      '7. dag i otte uger efter fristen. Kun kommuner, der ikke har underskrevet, får dem; kommuner i dialog med KOMBIT og kommuner, ' +
      'hvis underskrevne kopi afventer godkendelse, får ingen.',
    noAutomatic: 'Der kommer ingen automatiske påmindelser: aftalen er ikke udsendt til underskrift med en frist, eller fristen er mere end otte uger overskredet.',
    nobodyNotice: 'Der var ingen modtagere: alle kommuner har underskrevet, er i dialog eller mangler en modtager i rollegalleriet.',
  },
  ManualSection,
  api: {
    previewOut,
    previewSummary: 'Forhåndsvisning af en påmindelse til kommuner, der ikke har underskrevet (modtagere og tekst)',
    sendSummary: 'Send påmindelse til kommuner, der ikke har underskrevet',
    sendDescription:
      'Går til modtagerrollen i kommuner med status ikke underskrevet (ikke dem i dialog eller med en kopi, der afventer godkendelse). ' +
      'Samme roundId to gange sender ikke igen (200 med alreadySent). En ny udsendelse svarer 201. Kun for udsendte aftaler (ellers 409).',
  },
};
