import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { formBody, idParams, pageNumber, pageQuery, uploadBody, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { danishWallClock, formatDate } from '../../../platform/views/format.ts';
import { authorizeMeeting, canEditMeeting } from '../policy.ts';
import { meetingSections } from '../sections.ts';
import { agendaOptions } from './agenda-options.ts';
import { registerMeetingApi } from './api.ts';
import { createMeeting } from './create-meeting.ts';
import { deleteAgendaItem } from './delete-agenda-item.ts';
import { deleteMaterial } from './delete-material.ts';
import { deleteMeeting } from './delete-meeting.ts';
import { meetingInvitation } from './invitation.ts';
import { meetingNotFound, meetingPath } from '../paths.ts';
import { loadMeetingRow, type MeetingRow } from '../meeting-row.ts';
import { listMeetings, loadAgenda, loadMeeting, PAST_PAGE_SIZE } from './load-meeting.ts';
import { materialFrom, registerMaterialParser } from './material-upload.ts';
import { moveAgendaItem } from './move-agenda-item.ts';
import { readMaterial } from './read-material.ts';
import { addAgendaItem, agendaItemNotFound, updateAgendaItem } from './save-agenda-item.ts';
import { uploadMaterial } from './upload-material.ts';
import { updateMeeting } from './update-meeting.ts';
import { AgendaItemPage, AgendaPage, AGENDA_NOTICES } from './views/agenda-page.tsx';
import { DeleteMeetingPage, MeetingFormPage, type FormState } from './views/meeting-form-page.tsx';
import { MeetingPage } from './views/meeting-page.tsx';
import { MEETING_NOTICES, MeetingsPage } from './views/meetings-page.tsx';

/** 422 and 409 come back as the form with the user's input; anything else is the error page's. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const failed = (values: Record<string, unknown>, e: AppError): FormState => ({
  values,
  errors: Object.keys(e.fieldErrors).length === 0 ? { _: e.message } : e.fieldErrors,
});
const empty: FormState = { values: {}, errors: {} };

const hhmm = (d: Date) => {
  const w = danishWallClock(d);
  return `${w.hour}.${w.minute}`;
};
const formValues = (m: MeetingRow) => ({
  title: m.title,
  day: formatDate(m.startsAt),
  startTime: hhmm(m.startsAt),
  endTime: hhmm(m.endsAt),
  place: m.place,
  onlineLink: m.onlineLink ?? '',
  practicalInfo: m.practicalInfo,
  recordingLink: m.recordingLink ?? '',
});

const itemParams = z.object({ id: uuidParam, itemId: uuidParam });
const materialParams = z.object({ id: uuidParam, materialId: uuidParam });

async function formPage(request: FastifyRequest, reply: FastifyReply, id: string | null, state: FormState, status = 200) {
  authorizeMeeting(actorCtx(request).actor, 'edit');
  return sendPage(reply, <MeetingFormPage request={request} id={id} state={state} />, status);
}

async function meetingPage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { notice?: string | undefined; uploadError?: string; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeMeeting(ctx.actor, 'read');
  const m = await loadMeeting(ctx.db, ctx.actor, id, ctx.now);
  const head = { id: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt };
  // In the registered order, one after the other: each section is a few bounded statements.
  const sections: string[] = [];
  for (const s of meetingSections()) {
    const html = await s.render(request, ctx, head);
    if (html !== null) sections.push(await html);
  }
  const page = <MeetingPage request={request} meeting={m} canEdit={canEditMeeting(ctx.actor)} sections={sections} notice={noticeFor(MEETING_NOTICES, opts.notice)} uploadError={opts.uploadError} />;
  return sendPage(reply, page, opts.status ?? 200);
}

async function agendaPage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { form?: FormState; notice?: string | undefined; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeMeeting(ctx.actor, 'edit');
  const m = await loadMeetingRow(ctx.db, id);
  if (!m) throw meetingNotFound();
  const [agenda, options] = await Promise.all([loadAgenda(ctx.db, ctx.actor, id, ctx.now), agendaOptions(ctx.db)]);
  const page = <AgendaPage request={request} meeting={m} agenda={agenda} options={options} form={opts.form ?? empty} notice={noticeFor(AGENDA_NOTICES, opts.notice)} />;
  return sendPage(reply, page, opts.status ?? 200);
}

async function agendaItemPage(request: FastifyRequest, reply: FastifyReply, id: string, itemId: string, form: FormState | null, status = 200) {
  const ctx = actorCtx(request);
  authorizeMeeting(ctx.actor, 'edit');
  const m = await loadMeetingRow(ctx.db, id);
  if (!m) throw meetingNotFound();
  const agenda = await loadAgenda(ctx.db, ctx.actor, id, ctx.now);
  const item = agenda.find((i) => i.id === itemId);
  if (!item) throw agendaItemNotFound();
  const options = await agendaOptions(ctx.db, item);
  const ids = (kind: string) => item.links.filter((l) => l.kind === kind).map((l) => l.id);
  const values = {
    title: item.title,
    minutes: item.minutes === null ? '' : String(item.minutes),
    description: item.description,
    presenters: item.presenters.map((x) => x.id),
    news: ids('news'),
    programmes: ids('programme'),
    tasks: ids('task'),
    agreements: ids('agreement'),
  };
  return sendPage(reply, <AgendaItemPage request={request} meeting={m} itemId={itemId} options={options} form={form ?? { values, errors: {} }} />, status);
}

/**
 * The program leader meeting (issue #14 point 5): the list, planning and correcting a meeting, its
 * agenda and materials, the iCal invitation; the meeting page ends with the sections the module's
 * other folders register (attendance, input, follow-up).
 */
export function registerMeetingPlanning(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/moeder', { schema: { querystring: pageQuery({ side: pageNumber }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeMeeting(ctx.actor, 'read');
    const { upcoming, past, pastTotal } = await listMeetings(ctx.db, ctx.now, request.query.side);
    const page = (
      <MeetingsPage
        request={request}
        upcoming={upcoming}
        past={past}
        pastTotal={pastTotal}
        page={request.query.side}
        pageSize={PAST_PAGE_SIZE}
        canEdit={canEditMeeting(ctx.actor)}
        notice={noticeFor(MEETING_NOTICES, request.query.besked)}
      />
    );
    return sendPage(reply, page);
  });

  app.get('/moeder/ny', async (request, reply) => formPage(request, reply, null, empty));

  app.post('/moeder', { schema: { body: formBody } }, async (request, reply) => {
    try {
      const r = await createMeeting(actorCtx(request), request.body, clientKeyOf(request));
      return reply.redirect(`${meetingPath(r.id)}?besked=oprettet`, 303);
    } catch (error) {
      const e = formError(error);
      return formPage(request, reply, null, failed(request.body, e), e.status);
    }
  });

  app.get('/moeder/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => meetingPage(request, reply, request.params.id, { notice: request.query.besked }));

  app.get('/moeder/:id/rediger', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeMeeting(ctx.actor, 'edit');
    const m = await loadMeetingRow(ctx.db, request.params.id);
    if (!m) throw meetingNotFound();
    return formPage(request, reply, m.id, { values: formValues(m), errors: {} });
  });

  app.post('/moeder/:id', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    try {
      const r = await updateMeeting(actorCtx(request), request.params.id, request.body);
      return reply.redirect(`${meetingPath(r.id)}?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return formPage(request, reply, request.params.id, failed(request.body, e), e.status);
    }
  });

  app.get('/moeder/:id/slet', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeMeeting(ctx.actor, 'edit');
    const m = await loadMeetingRow(ctx.db, request.params.id);
    if (!m) throw meetingNotFound();
    return sendPage(reply, <DeleteMeetingPage request={request} meeting={m} />);
  });

  app.post('/moeder/:id/slet', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      const r = await deleteMeeting(ctx, request.params.id);
      return reply.redirect(`/moeder?besked=${r.deleted ? 'slettet' : 'allerede-slettet'}`, 303);
    } catch (error) {
      const e = formError(error);
      const m = await loadMeetingRow(ctx.db, request.params.id);
      if (!m) throw e;
      return sendPage(reply, <DeleteMeetingPage request={request} meeting={m} error={e.message} />, e.status);
    }
  });

  app.get('/moeder/:id/invitation.ics', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeMeeting(ctx.actor, 'read');
    const m = await loadMeetingRow(ctx.db, request.params.id);
    if (!m) throw meetingNotFound();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="programledermoede.ics"')
      .header('cache-control', 'private, no-store')
      .send(meetingInvitation(m, { publicUrl: ctx.config.publicUrl, now: ctx.now }));
  });

  app.get('/moeder/:id/dagsorden', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => agendaPage(request, reply, request.params.id, { notice: request.query.besked }));

  app.post('/moeder/:id/dagsorden', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const { id } = request.params;
    try {
      await addAgendaItem(actorCtx(request), id, request.body, clientKeyOf(request));
      return reply.redirect(`/moeder/${id}/dagsorden?besked=tilfoejet`, 303);
    } catch (error) {
      const e = formError(error);
      return agendaPage(request, reply, id, { form: failed(request.body, e), status: e.status });
    }
  });

  app.get('/moeder/:id/dagsorden/:itemId', { schema: { params: itemParams } }, async (request, reply) => agendaItemPage(request, reply, request.params.id, request.params.itemId, null));

  app.post('/moeder/:id/dagsorden/:itemId', { schema: { params: itemParams, body: formBody } }, async (request, reply) => {
    const { id, itemId } = request.params;
    try {
      const r = await updateAgendaItem(actorCtx(request), id, itemId, request.body);
      return reply.redirect(`/moeder/${id}/dagsorden?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return agendaItemPage(request, reply, id, itemId, failed(request.body, e), e.status);
    }
  });

  app.post('/moeder/:id/dagsorden/:itemId/flyt', { schema: { params: itemParams, body: formBody } }, async (request, reply) => {
    const { id, itemId } = request.params;
    const r = await moveAgendaItem(actorCtx(request), id, itemId, request.body.retning, request.body.fra);
    return reply.redirect(`/moeder/${id}/dagsorden?besked=${r.moved ? 'flyttet' : 'ikke-flyttet'}`, 303);
  });

  app.post('/moeder/:id/dagsorden/:itemId/slet', { schema: { params: itemParams, body: formBody } }, async (request, reply) => {
    const { id, itemId } = request.params;
    const r = await deleteAgendaItem(actorCtx(request), id, itemId);
    return reply.redirect(`/moeder/${id}/dagsorden?besked=${r.deleted ? 'slettet' : 'allerede-slettet'}`, 303);
  });

  app.get('/moeder/:id/materialer/:materialId', { schema: { params: materialParams } }, async (request, reply) => {
    const f = await readMaterial(actorCtx(request), request.params.id, request.params.materialId);
    return sendDownload(reply, f);
  });

  app.post('/moeder/:id/materialer/:materialId/slet', { schema: { params: materialParams, body: formBody } }, async (request, reply) => {
    const { id, materialId } = request.params;
    const r = await deleteMaterial(actorCtx(request), id, materialId);
    return reply.redirect(`${meetingPath(id)}?besked=${r.deleted ? 'materiale-slettet' : 'materiale-allerede-slettet'}`, 303);
  });

  // A presentation up to MAX_MATERIAL_BYTES with its name: parsed by this scope's own multipart parser.
  app.register(async (parent) => {
    registerMaterialParser(parent);
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    scope.post('/moeder/:id/materialer', { schema: { params: idParams, body: uploadBody } }, async (request, reply) => {
      const { id } = request.params;
      try {
        const r = await uploadMaterial(actorCtx(request), id, materialFrom(request.body));
        return reply.redirect(`${meetingPath(id)}?besked=${r.created ? 'materiale-lagt-op' : 'materiale-findes'}`, 303);
      } catch (error) {
        const e = formError(error);
        return meetingPage(request, reply, id, { uploadError: e.fieldErrors.fil ?? e.message, status: e.status });
      }
    });
  });

  registerMeetingApi(root);
}
