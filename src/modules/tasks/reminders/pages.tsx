import type { FastifyInstance } from 'fastify';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { previewManualReminder } from './preview.ts';
import { reminderHistory } from './queries.ts';
import { ReminderPage, REMINDER_NOTICES } from './views.tsx';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formBody, idParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { sendManualReminder } from './send-manual-reminder.ts';
import { upcomingReminders } from './send-reminders.ts';

/**
 * GET  /opgaver/:id/paamindelse  preview of a manual reminder, the automatic plan, the history
 * POST /opgaver/:id/paamindelse  send the previewed round (central authors; municipal users 404)
 */
export function registerReminderPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/opgaver/:id/paamindelse', { schema: { params: idParams, querystring: pageQuery({ antal: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { task, preview } = await previewManualReminder(ctx, request.params.id);
    const history = await reminderHistory(ctx.db, task.id);
    const q = request.query;
    const notice = REMINDER_NOTICES[q.besked ?? '']?.(Number(q.antal) || 0);
    return sendPage(
      reply,
      <ReminderPage
        actor={ctx.actor}
        csrfToken={request.csrfToken}
        task={task}
        preview={preview}
        history={history}
        upcoming={upcomingReminders(task, ctx.now)}
        notice={notice}
      />,
    );
  });

  app.post('/opgaver/:id/paamindelse', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const result = await sendManualReminder(ctx, request.params.id, request.body);
    const besked = result.alreadySent ? 'allerede-sendt' : result.recipients === 0 ? 'ingen' : 'sendt';
    return reply.redirect(`/opgaver/${encodeURIComponent(request.params.id)}/paamindelse?besked=${besked}&antal=${result.recipients}`, 303);
  });
}
