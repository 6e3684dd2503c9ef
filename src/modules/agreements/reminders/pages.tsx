import type { FastifyInstance } from 'fastify';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { agreementReminderHistory, previewAgreementReminder } from './preview.ts';
import { REMINDER_NOTICES, ReminderPage } from './views.tsx';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formBody, idParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { sendManualAgreementReminder } from './send-manual-reminder.ts';
import { upcomingAgreementReminders } from './send-reminders.ts';

/**
 * GET  /aftaler/:id/paamindelse  preview of a manual reminder, the automatic plan, the history
 * POST /aftaler/:id/paamindelse  send the previewed round (central editors; municipal users 404)
 */
export function registerAgreementReminderPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/aftaler/:id/paamindelse', { schema: { params: idParams, querystring: pageQuery({ antal: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { agreement, preview } = await previewAgreementReminder(ctx, request.params.id);
    const history = await agreementReminderHistory(ctx.db, agreement.id);
    const q = request.query;
    const notice = REMINDER_NOTICES[q.besked ?? '']?.(Number(q.antal) || 0);
    return sendPage(
      reply,
      <ReminderPage
        actor={ctx.actor}
        csrfToken={request.csrfToken}
        agreement={agreement}
        preview={preview}
        history={history}
        upcoming={upcomingAgreementReminders(agreement, ctx.now)}
        notice={notice}
      />,
    );
  });

  app.post('/aftaler/:id/paamindelse', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const result = await sendManualAgreementReminder(ctx, id, request.body);
    const besked = result.alreadySent ? 'allerede-sendt' : result.recipients === 0 ? 'ingen' : 'sendt';
    return reply.redirect(`/aftaler/${encodeURIComponent(id)}/paamindelse?besked=${besked}&antal=${result.recipients}`, 303);
  });
}
