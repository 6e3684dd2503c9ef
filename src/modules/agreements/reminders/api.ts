import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { agreementReminderHistory, loadReminderAgreement, previewAgreementReminder } from './preview.ts';
import { apiBody } from '../../../platform/http/api-schemas.ts';
import { manualAgreementReminderInput, sendManualAgreementReminder } from './send-manual-reminder.ts';
import { upcomingAgreementReminders } from './send-reminders.ts';
import { municipalStatusEnum as statusEnum } from '../central/api.ts';

const params = z.object({ id: uuidParam });

const roundOut = z
  .object({
    slot: z.string().describe("'d-7@2025-04-22' (automatisk, med fristen) eller 'manual-<roundId>'"),
    manual: z.boolean(),
    label: z.string(),
    sentAt: z.string(),
    sentByName: z.string().nullable(),
    recipients: z.number(),
    municipalities: z.number(),
  })
  .meta({ id: 'AgreementReminderRound' });

const historyOut = z
  .object({
    agreementId: z.string(),
    nextReminderAt: z.string().nullable(),
    upcoming: z.array(z.object({ slot: z.string(), dueAt: z.string(), overdue: z.boolean() })),
    rounds: z.array(roundOut),
  })
  .meta({ id: 'AgreementReminderHistory' });

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

const sentOut = z
  .object({ roundId: z.string(), recipients: z.number(), municipalities: z.number(), alreadySent: z.boolean() })
  .meta({ id: 'AgreementReminderSent' });

/** Reminders of an agreement, for central editors (municipal callers get 404, other central staff 403). */
export function registerAgreementReminderApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Aftaler'];

  app.get(
    '/api/v1/agreements/:id/reminders',
    { schema: { tags, summary: 'Sendte og kommende påmindelser for en aftale', params, response: { 200: historyOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      const a = await loadReminderAgreement(ctx, request.params.id);
      const rounds = await agreementReminderHistory(ctx.db, a.id);
      return {
        agreementId: a.id,
        nextReminderAt: iso(a.nextReminderAt),
        upcoming: upcomingAgreementReminders(a, ctx.now).map((s) => ({ slot: s.slot, dueAt: s.dueAt.toISOString(), overdue: s.overdue })),
        rounds: rounds.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
      };
    },
  );

  app.get(
    '/api/v1/agreements/:id/reminders/preview',
    {
      schema: {
        tags,
        summary: 'Forhåndsvisning af en påmindelse til kommuner, der ikke har underskrevet (modtagere og tekst)',
        description: 'Svaret indeholder et roundId. Send det med i POST, så en gentaget afsendelse ikke sender igen.',
        params,
        response: { 200: previewOut, ...errorResponses },
      },
    },
    async (request) => (await previewAgreementReminder(actorCtx(request), request.params.id)).preview,
  );

  app.post(
    '/api/v1/agreements/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Send påmindelse til kommuner, der ikke har underskrevet',
        description:
          'Går til modtagerrollen i kommuner med status ikke underskrevet (ikke dem i dialog eller med en kopi, der afventer godkendelse). ' +
          'Samme roundId to gange sender ikke igen (200 med alreadySent). En ny udsendelse svarer 201. Kun for udsendte aftaler (ellers 409).',
        params,
        body: apiBody(manualAgreementReminderInput),
        response: { 200: sentOut, 201: sentOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await sendManualAgreementReminder(actorCtx(request), request.params.id, request.body);
      return reply.status(result.recipients > 0 ? 201 : 200).send(result);
    },
  );
}
