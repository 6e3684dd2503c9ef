import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../../platform/errors.ts';
import { errorResponses, iso, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { authorizeFollowUp, authorizeMeeting } from '../policy.ts';
import { loadFollowUpMeeting } from './load-meeting.ts';
import { previewFollowUp } from './preview-follow-up.ts';
import { sendFollowUp } from './send-follow-up.ts';
import { followUpStatus } from './sent-rows.ts';

const tags = ['Møder'];
const params = z.object({ id: uuidParam });

const previewOut = z
  .object({
    municipality: z.object({ code: z.string(), name: z.string() }),
    recipients: z.array(z.object({ name: z.string(), email: z.string(), sentAt: z.string().nullable().describe('Hvornår personen fik opfølgningen; null: ved næste afsendelse') })),
    subject: z.string(),
    text: z.string().describe('Mailens tekst, præcis som den sendes (ren tekst)'),
    sentAt: z.string().nullable().describe('Hvornår kommunen første gang fik opfølgningen'),
  })
  .meta({ id: 'MeetingFollowUpPreview' });

const statusOut = z
  .object({
    sentAt: z.string().nullable().describe('Første afsendelse, ISO 8601; null før den første'),
    recipients: z.number().int().describe('Modtagere, der har fået opfølgningen'),
    municipalities: z.number().int().describe('Kommuner, hvis programledere har fået den'),
  })
  .meta({ id: 'MeetingFollowUpStatus' });

/** The follow-up's API: status, a municipality's preview, and the send. */
export function registerFollowUpApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/meetings/:id/follow-up',
    {
      schema: {
        tags,
        summary: 'Opfølgningen efter et møde: hvornår den blev sendt og til hvor mange',
        description: 'KOMBITs medarbejdere får hele mødets tal; en kommunes brugere kun kommunens egne.',
        params,
        response: { 200: statusOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeMeeting(ctx.actor, 'read');
      const meeting = await loadFollowUpMeeting(ctx.db, request.params.id);
      const s = await followUpStatus(ctx.db, ctx.actor, meeting.id);
      return { sentAt: iso(s.sentAt), recipients: s.recipients, municipalities: s.municipalities };
    },
  );

  app.get(
    '/api/v1/meetings/:id/follow-up/preview',
    {
      schema: {
        tags,
        summary: 'En kommunes opfølgning, som den sendes: modtagere, emne og tekst',
        description: 'KOMBITs medarbejdere: enhver kommune. En kommunes brugere: kun egen kommune (uden municipality: egen); en anden kommune svarer 404.',
        params,
        querystring: z.object({ municipality: municipalityCodeParam.optional().describe('Kommunekoden, fx 0320') }),
        response: { 200: previewOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const code = request.query.municipality ?? ctx.actor.municipalityCode ?? undefined;
      authorizeFollowUp(ctx.actor, 'preview', code);
      if (code === undefined) throw invalid({ municipality: 'Vælg en kommune' }, 'Angiv kommunen med ?municipality=, fx 0320.');
      const p = await previewFollowUp(ctx, request.params.id, code);
      return {
        municipality: p.municipality,
        recipients: p.recipients.map((r) => ({ name: r.name, email: r.email, sentAt: iso(r.sentAt) })),
        subject: p.subject,
        text: p.text,
        sentAt: iso(p.sent?.at),
      };
    },
  );

  app.post(
    '/api/v1/meetings/:id/follow-up',
    {
      schema: {
        tags,
        summary: 'Send opfølgningen til programlederne i alle 98 kommuner',
        description:
          'Hver programleder får sin kommunes opfølgning én gang pr. møde: en gentagelse (samme Idempotency-Key svarer som første gang), en anden afsendelse eller to på én gang sender kun til dem, der ikke har fået den. Et møde, der ikke er begyndt, svarer 409. Kun KOMBITs administratorer og konsulenter (ellers 403).',
        params,
        response: { 200: z.object({ recipients: z.number().int().describe('Mails sendt nu'), municipalities: z.number().int().describe('Kommuner, der fik mails nu') }), ...errorResponses },
      },
    },
    async (request) => {
      const r = await sendFollowUp(actorCtx(request), request.params.id, clientKeyOf(request));
      return { recipients: r.recipients, municipalities: r.municipalities };
    },
  );
}
