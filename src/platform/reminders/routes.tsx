import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso, uuidParam } from '../http/api-schemas.ts';
import { formBody, idParams, pageQuery, queryText } from '../http/page-schemas.ts';
import { actorCtx, sendPage } from '../http/request-context.ts';
import { reminderRounds } from './history.ts';
import { isRecent, lastManualRound } from './last-manual-round.ts';
import { ReminderPage, roundNotice } from './page.tsx';
import { previewReminder } from './preview-reminder.ts';
import { CONFIRM_RECENT_FIELD, manualReminderInput, RecentReminderError, sendManualReminder } from './send-manual-reminder.ts';
import type { ReminderSubject } from './subject.ts';

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
  .meta({ id: 'ReminderRound' });

const upcomingOut = z.array(z.object({ slot: z.string(), dueAt: z.string(), overdue: z.boolean() }));

const sentOut = z
  .object({ roundId: z.string(), recipients: z.number(), municipalities: z.number(), alreadySent: z.boolean() })
  .meta({ id: 'ReminderSent' });

export type ReminderRouteOptions = {
  /** '/opgaver/:id/paamindelse' */
  pagePath: string;
  /** '/api/v1/tasks/:id/reminders'; the preview is at …/preview */
  apiPath: string;
  /** The OpenAPI tag the operations are listed under. */
  tag: string;
  /** The history's key for the subject's id: 'taskId', 'agreementId' */
  idField: string;
  /** The history schema's OpenAPI name: 'ReminderHistory', 'AgreementReminderHistory' */
  historySchema: string;
};

/**
 * A subject's reminder API and pages, for those who may send its reminders (municipal callers get
 * 404, central staff who only read it 403):
 *   GET  <apiPath>            sent and upcoming reminders
 *   GET  <apiPath>/preview    recipients and text of a manual round, with its round id
 *   POST <apiPath>            send the round (201; 200 when it reached nobody or was sent before;
 *                             409 recent_reminder for a new round within 24 h without confirmRecent)
 *   GET  <pagePath>           the same as a page
 *   POST <pagePath>           send the previewed round, then back to the page with a notice
 */
export function registerReminderRoutes<S extends { id: string; nextReminderAt: Date | null }, D extends object>(
  root: FastifyInstance,
  subject: ReminderSubject<S, D>,
  o: ReminderRouteOptions,
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = [o.tag];
  const historyOut = z
    .object({ [o.idField]: z.string(), nextReminderAt: z.string().nullable(), upcoming: upcomingOut, rounds: z.array(roundOut) })
    .meta({ id: o.historySchema });
  const pageUrl = (id: string) => o.pagePath.replace(':id', encodeURIComponent(id));

  app.get(
    o.apiPath,
    { schema: { tags, summary: `Sendte og kommende påmindelser for ${subject.indefinite}`, params, response: { 200: historyOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      const s = await subject.load(ctx, request.params.id);
      const rounds = await reminderRounds(ctx.db, subject.log, s.id);
      return {
        [o.idField]: s.id,
        nextReminderAt: iso(s.nextReminderAt),
        upcoming: subject.upcoming(s, ctx.now).map((u) => ({ slot: u.slot, dueAt: u.dueAt.toISOString(), overdue: u.overdue })),
        rounds: rounds.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
      };
    },
  );

  app.get(
    `${o.apiPath}/preview`,
    {
      schema: {
        tags,
        summary: subject.api.previewSummary,
        description: 'Svaret indeholder et roundId. Send det med i POST, så en gentaget afsendelse ikke sender igen.',
        params,
        response: { 200: subject.api.previewOut, ...errorResponses },
      },
    },
    async (request) => (await previewReminder(actorCtx(request), subject, request.params.id)).preview,
  );

  app.post(
    o.apiPath,
    {
      schema: {
        tags,
        summary: subject.api.sendSummary,
        description: subject.api.sendDescription,
        params,
        body: apiBody(manualReminderInput),
        response: { 200: sentOut, 201: sentOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await sendManualReminder(actorCtx(request), subject, request.params.id, request.body);
      return reply.status(result.recipients > 0 ? 201 : 200).send(result);
    },
  );

  /** The page; after a refused round (`refused`) with its error and the posted round id, as a 422. */
  async function renderPage(request: FastifyRequest, reply: FastifyReply, id: string, besked?: string, antal?: string, refused?: RecentReminderError & { roundId: string }) {
    const ctx = actorCtx(request);
    const { subject: item, preview } = await previewReminder(ctx, subject, id);
    const history = await reminderRounds(ctx.db, subject.log, item.id);
    const lastManual = await lastManualRound(ctx.db, subject.log, item.id);
    const confirm = isRecent(lastManual, ctx.now) ? { last: lastManual, error: refused?.fieldErrors[CONFIRM_RECENT_FIELD] } : undefined;
    return sendPage(
      reply,
      <ReminderPage
        actor={ctx.actor}
        csrfToken={request.csrfToken}
        subject={subject}
        item={item}
        action={pageUrl(item.id)}
        preview={refused ? { ...preview, roundId: refused.roundId } : preview}
        history={history}
        upcoming={subject.upcoming(item, ctx.now)}
        notice={roundNotice(besked, Number(antal) || 0, subject.page.nobodyNotice)}
        lastManual={lastManual}
        confirm={confirm}
      />,
      refused ? 422 : 200,
    );
  }

  app.get(o.pagePath, { schema: { params: idParams, querystring: pageQuery({ antal: queryText }) } }, async (request, reply) =>
    renderPage(request, reply, request.params.id, request.query.besked, request.query.antal),
  );

  app.post(o.pagePath, { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const { id } = request.params;
    let result;
    try {
      result = await sendManualReminder(actorCtx(request), subject, id, request.body);
    } catch (error) {
      // The form again, with the confirmation box marked: the posted round id was not sent.
      if (error instanceof RecentReminderError) {
        return renderPage(request, reply, id, undefined, undefined, Object.assign(error, { roundId: String(request.body.roundId) }));
      }
      throw error;
    }
    const besked = result.alreadySent ? 'allerede-sendt' : result.recipients === 0 ? 'ingen' : 'sendt';
    return reply.redirect(`${pageUrl(id)}?besked=${besked}&antal=${result.recipients}`, 303);
  });
}
