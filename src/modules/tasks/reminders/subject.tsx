import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { MailPreview, plural, SendRoundForm } from '../../../platform/reminders/page.tsx';
import type { ManualSectionProps, ReminderSubject } from '../../../platform/reminders/subject.ts';
import { Notice } from '../../../platform/views/components.tsx';
import { byDanishName, danishCompare, formatDeadline } from '../../../platform/views/format.ts';
import { loadTask, type TaskRow } from '../load-task.ts';
import { task, taskTarget, targetStatuses, type TargetStatus } from '../schema.ts';
import { TARGET_STATUS_DA, TASK_STATUS_DA } from '../status.ts';
import { taskReminderLog } from './queries.ts';
import { deliverRound, MISSING, missingRecipients, upcomingReminders } from './send-reminders.ts';
import { reminderText } from './text.ts';

export type PreviewRecipient = {
  municipalityCode: string;
  municipalityName: string;
  status: TargetStatus;
  name: string;
  email: string;
};

/** The task's part of a preview: who a round mails, and every missing municipality with how many of its people (0 = nobody holds the role). */
export type TaskReminderDetails = {
  recipients: PreviewRecipient[];
  municipalities: { code: string; name: string; status: TargetStatus; recipients: number }[];
};

const previewOut = z
  .object({
    roundId: z.string(),
    open: z.boolean(),
    subject: z.string(),
    body: z.string(),
    recipients: z.array(
      z.object({ municipalityCode: z.string(), municipalityName: z.string(), status: z.enum(targetStatuses), name: z.string(), email: z.string() }),
    ),
    municipalities: z.array(z.object({ code: z.string(), name: z.string(), status: z.enum(targetStatuses), recipients: z.number() })),
  })
  .meta({ id: 'ReminderPreview' });

/**
 * Exactly the people deliverRound would mail in a manual round: addressees in municipalities whose
 * status is ikke startet or i gang (no programleder copies; those are for overdue automatic rounds).
 */
async function missingDetails(db: Parameters<typeof missingRecipients>[0], t: TaskRow): Promise<TaskReminderDetails> {
  const [people, missing] = await Promise.all([
    missingRecipients(db, t, { includeProgramLeaders: false }),
    db
      .select({ code: taskTarget.municipalityCode, name: municipality.name, status: taskTarget.status })
      .from(taskTarget)
      .innerJoin(municipality, eq(municipality.code, taskTarget.municipalityCode))
      .where(and(eq(taskTarget.taskId, t.id), inArray(taskTarget.status, MISSING))),
  ]);
  const byCode = new Map(missing.map((m) => [m.code, m]));
  const recipients = people
    .map((p) => ({
      municipalityCode: p.municipalityCode,
      municipalityName: byCode.get(p.municipalityCode)?.name ?? p.municipalityCode,
      status: byCode.get(p.municipalityCode)?.status ?? 'ikke_startet',
      name: p.name,
      email: p.email,
    }))
    .sort((a, b) => danishCompare(a.municipalityName, b.municipalityName) || danishCompare(a.name, b.name));
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.municipalityCode, (counts.get(p.municipalityCode) ?? 0) + 1);
  // Danish order (Aarhus after Ærø), as on the overview; the database's collation may not know it.
  return { recipients, municipalities: missing.map((m) => ({ ...m, recipients: counts.get(m.code) ?? 0 })).sort(byDanishName) };
}

function ManualSection(p: ManualSectionProps<TaskReminderDetails>): JSX.Element {
  const { preview } = p;
  if (!preview.open) return <Notice kind="info" text="Der kan kun sendes påmindelser, når opgaven er publiceret." />;
  if (preview.municipalities.length === 0) {
    return <Notice kind="info" text="Alle kommuner har løst opgaven eller markeret den som ikke relevant. Der er ingen at minde om." />;
  }
  const withoutPeople = preview.municipalities.filter((m) => m.recipients === 0);
  const reached = preview.municipalities.length - withoutPeople.length;
  return (
    <>
      <p safe>
        {`${plural(preview.municipalities.length, 'kommune mangler', 'kommuner mangler')}. Påmindelsen går til ${plural(preview.recipients.length, 'modtager', 'modtagere')} i ${plural(reached, 'kommune', 'kommuner')}.`}
      </p>
      {withoutPeople.length ? (
        <Notice
          kind="warning"
          text={`Ingen i opgavens målgruppe i: ${withoutPeople.map((m) => m.name).join(', ')}. De får ingen påmindelse, før rollen er besat i rollegalleriet.`}
        />
      ) : (
        ''
      )}
      <MailPreview subject={preview.subject} body={preview.body} />
      {preview.recipients.length ? (
        <>
          <SendRoundForm action={p.action} roundId={preview.roundId} recipients={preview.recipients.length} csrfToken={p.csrfToken} confirm={p.confirm} />
          <h3>Modtagere</h3>
          <table class="table table--compact table--zebra">
            <caption class="sr-only">Modtagere af påmindelsen</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Status</th>
                <th scope="col">Navn</th>
                <th scope="col">E-mail</th>
              </tr>
            </thead>
            <tbody>
              {preview.recipients.map((r) => (
                <tr>
                  <td safe>{r.municipalityName}</td>
                  <td safe>{TARGET_STATUS_DA[r.status]}</td>
                  <td safe>{r.name}</td>
                  <td safe>{r.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** A task's reminders: a tool of its authors in the joint organisation, for the municipalities that still miss it. */
export const taskReminders: ReminderSubject<TaskRow, TaskReminderDetails> = {
  label: 'opgaven',
  indefinite: 'en opgave',
  log: taskReminderLog,
  load(ctx, id) {
    if (!isCentral(ctx.actor)) throw notFound('Opgaven findes ikke.');
    return loadTask(ctx.db, ctx.actor, id, 'author');
  },
  open: (t) => t.status === 'published',
  mailText: (t, ctx) => reminderText({ task: t, now: ctx.now, publicUrl: ctx.config.publicUrl }),
  details: (ctx, t) => missingDetails(ctx.db, t),
  noDetails: () => ({ recipients: [], municipalities: [] }),
  upcoming: (t, now) => upcomingReminders(t, now),
  async sendRound(tx, ctx, t, slot) {
    const [locked] = await tx
      .select({ id: task.id })
      .from(task)
      .where(and(eq(task.id, t.id), eq(task.status, 'published')))
      .for('update');
    if (!locked) return null;
    return deliverRound(tx, ctx, t, { slot, manual: true, includeProgramLeaders: false });
  },
  closedMessage: 'Der kan kun sendes påmindelser for publicerede opgaver.',
  page: {
    nav: 'opgaver',
    title: (t) => t.code,
    lead: (t) => `${t.code} – ${t.title}`,
    statusLine: (t) => `Frist ${formatDeadline(t.deadline)} · ${TASK_STATUS_DA[t.status]}`,
    // Back to where "Send påmindelse til de manglende" was: the task's own overview.
    back: (t) => ({ href: `/opgaver/${t.id}/overblik`, text: 'Tilbage til opgavens overblik' }),
    manualHeading: 'Send påmindelse til dem, der mangler',
    automaticIntro:
      'Samspil sender selv påmindelser kl. 9 dansk tid – som standard 7 dage før fristen, dagen før og på fristdagen – og ' +
      'derefter hver 7. dag i otte uger efter fristen. Påmindelserne efter fristen går også til kommunens programleder. ' +
      'Kun kommuner, der ikke har løst opgaven eller markeret den som ikke relevant, får dem.',
    noAutomatic: 'Der kommer ingen automatiske påmindelser: opgaven er ikke publiceret, eller fristen er mere end otte uger overskredet.',
    overdueNote: '(også til programleder)',
    nobodyNotice: 'Der var ingen modtagere: alle kommuner har løst opgaven eller markeret den som ikke relevant.',
  },
  ManualSection,
  api: {
    previewOut,
    previewSummary: 'Forhåndsvisning af en påmindelse til dem, der mangler (modtagere og tekst)',
    sendSummary: 'Send påmindelse til dem, der mangler',
    sendDescription: 'Samme roundId to gange sender ikke igen (200 med alreadySent). En ny udsendelse svarer 201.',
  },
};
