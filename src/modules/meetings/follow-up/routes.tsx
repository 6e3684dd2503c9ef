import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { authorizeFollowUp, authorizeMeeting, canEditMeeting } from '../policy.ts';
import { registerMeetingSection } from '../sections.ts';
import { registerFollowUpApi } from './api.ts';
import { hasStarted } from '../meeting-row.ts';
import { followUpPath } from '../paths.ts';
import { loadFollowUpMeeting } from './load-meeting.ts';
import { allMunicipalities } from './municipalities.ts';
import { previewOfMeeting } from './preview-follow-up.ts';
import { sendFollowUp } from './send-follow-up.ts';
import { followUpStatus } from './sent-rows.ts';
import { FOLLOW_UP_NOTICES, FollowUpPreviewPage } from './views/preview-page.tsx';
import { FollowUpSection } from './views/section.tsx';

/** The municipality the page shows: the one asked for, else a municipality's user's own; central staff choose. */
const chosen = (actor: Actor, asked: string | undefined) => (asked ? asked : (actor.municipalityCode ?? undefined));

async function previewPage(request: FastifyRequest, reply: FastifyReply, meetingId: string, asked: string | undefined, opts: { notice?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string } | undefined; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeMeeting(ctx.actor, 'read');
  const code = chosen(ctx.actor, asked);
  authorizeFollowUp(ctx.actor, 'preview', code);
  const meeting = await loadFollowUpMeeting(ctx.db, meetingId);
  const preview = code ? await previewOfMeeting(ctx, meeting, code) : null;
  const central = isCentral(ctx.actor);
  const page = (
    <FollowUpPreviewPage
      request={request}
      meeting={meeting}
      status={await followUpStatus(ctx.db, ctx.actor, meeting.id)}
      municipalities={central ? await allMunicipalities(ctx.db) : null}
      preview={preview}
      canSend={canEditMeeting(ctx.actor)}
      started={hasStarted(meeting, ctx.now)}
      notice={opts.notice}
    />
  );
  return sendPage(reply, page, opts.status ?? 200);
}

/** The follow-up's part of the meeting page: one statement. */
async function renderSection(_request: FastifyRequest, ctx: Ctx & { actor: Actor }, meeting: { id: string }): Promise<JSX.Element | null> {
  const central = isCentral(ctx.actor);
  const code = ctx.actor.municipalityCode;
  const status = await followUpStatus(ctx.db, ctx.actor, meeting.id);
  const municipality = central || code === null ? null : { code, name: ctx.actor.municipalityName ?? code };
  return <FollowUpSection meetingId={meeting.id} status={status} municipality={municipality} canSend={canEditMeeting(ctx.actor)} />;
}

/**
 * The follow-up after a meeting (issue #14 point 6): the preview per municipality and the send
 * (page and API), and its section on the meeting page.
 */
export function registerFollowUp(root: FastifyInstance): void {
  registerMeetingSection({ key: 'follow-up', order: 40, render: renderSection });
  registerFollowUpApi(root);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/moeder/:id/opfoelgning', { schema: { params: idParams, querystring: pageQuery({ kommune: queryText }) } }, async (request, reply) =>
    previewPage(request, reply, request.params.id, request.query.kommune || undefined, { notice: noticeFor(FOLLOW_UP_NOTICES, request.query.besked) }),
  );

  app.post('/moeder/:id/opfoelgning', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const back = typeof request.body.kommune === 'string' && /^\d{4}$/.test(request.body.kommune) ? request.body.kommune : undefined;
    try {
      const r = await sendFollowUp(actorCtx(request), request.params.id, clientKeyOf(request));
      const url = followUpPath(r.meetingId, back);
      return reply.redirect(`${url}${back ? '&' : '?'}besked=${r.recipients > 0 ? 'sendt' : 'intet-nyt'}`, 303);
    } catch (error) {
      // A meeting not held yet: the page again, saying why, with nothing sent.
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return previewPage(request, reply, request.params.id, back, { notice: { kind: 'error', text: error.message }, status: 409 });
    }
  });
}
