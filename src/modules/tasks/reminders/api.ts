import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { loadReminderTask, previewManualReminder } from './preview.ts';
import { reminderHistory } from './queries.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';
import { manualReminderInput, sendManualReminder } from './send-manual-reminder.ts';
import { upcomingReminders } from './send-reminders.ts';
import { targetStatuses } from '../schema.ts';

const params = z.object({ id: uuidParam });

const roundOut = z
  .object({
    slot: z.string(),
    manual: z.boolean(),
    label: z.string(),
    sentAt: z.string(),
    sentByName: z.string().nullable(),
    recipients: z.number(),
    municipalities: z.number(),
  })
  .meta({ id: 'ReminderRound' });

const historyOut = z
  .object({
    taskId: z.string(),
    nextReminderAt: z.string().nullable(),
    upcoming: z.array(z.object({ slot: z.string(), dueAt: z.string(), overdue: z.boolean() })),
    rounds: z.array(roundOut),
  })
  .meta({ id: 'ReminderHistory' });

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

const sentOut = z
  .object({ roundId: z.string(), recipients: z.number(), municipalities: z.number(), alreadySent: z.boolean() })
  .meta({ id: 'ReminderSent' });

/** Reminders of a task, for central authors (municipal callers get 404, other central staff 403). */
export function registerReminderApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Påmindelser'];

  app.get(
    '/api/v1/tasks/:id/reminders',
    { schema: { tags, summary: 'Sendte og kommende påmindelser for en opgave', params, response: { 200: historyOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      const t = await loadReminderTask(ctx, request.params.id);
      const rounds = await reminderHistory(ctx.db, t.id);
      return {
        taskId: t.id,
        nextReminderAt: iso(t.nextReminderAt),
        upcoming: upcomingReminders(t, ctx.now).map((s) => ({ slot: s.slot, dueAt: s.dueAt.toISOString(), overdue: s.overdue })),
        rounds: rounds.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
      };
    },
  );

  app.get(
    '/api/v1/tasks/:id/reminders/preview',
    {
      schema: {
        tags,
        summary: 'Forhåndsvisning af en påmindelse til dem, der mangler (modtagere og tekst)',
        description: 'Svaret indeholder et roundId. Send det med i POST, så en gentaget afsendelse ikke sender igen.',
        params,
        response: { 200: previewOut, ...errorResponses },
      },
    },
    async (request) => (await previewManualReminder(actorCtx(request), request.params.id)).preview,
  );

  app.post(
    '/api/v1/tasks/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Send påmindelse til dem, der mangler',
        description: 'Samme roundId to gange sender ikke igen (200 med alreadySent). En ny udsendelse svarer 201.',
        params,
        body: apiBody(manualReminderInput),
        response: { 200: sentOut, 201: sentOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await sendManualReminder(actorCtx(request), request.params.id, request.body);
      return reply.status(result.recipients > 0 ? 201 : 200).send(result);
    },
  );
}
