import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AttentionCtx } from '../../../platform/attention/provider.ts';
import { isCentral } from '../../../platform/context.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';
import { formBody, idParams, isUuid, pageNumber, pageQuery, queryText, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { CONTENT_TYPES, EXPORT_FORMATS } from '../../../platform/spreadsheet/formats.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { Pager } from '../../../platform/views/pager.tsx';
import { hasEnded, loadMeetingRow } from '../meeting-row.ts';
import { attendeesPath, meetingNotFound, meetingPath } from '../paths.ts';
import { authorizeMeeting, canEditMeeting, isMunicipalSpeaker } from '../policy.ts';
import { registerMeetingSection, type MeetingHead } from '../sections.ts';
import { registerMeetingMunicipalApi } from './api.ts';
import { attendeeExportFilename, buildAttendeeExport } from './export-attendees.ts';
import { loadMunicipalAttendance } from './load-municipal-attendance.ts';
import { placeMeetingInput } from './place-meeting-input.ts';
import {
  attendanceCounts,
  comingMeetings,
  filterMeetings,
  INPUT_PAGE_SIZE,
  inputForMeeting,
  listAttendees,
  listMeetingInput,
  MAX_ATTENDEES,
} from './queries.ts';
import { registerAttendee } from './register-attendee.ts';
import { removeAttendee } from './remove-attendee.ts';
import { submitMeetingInput } from './submit-meeting-input.ts';
import { ATTENDANCE_NOTICES, BACK_FIELD, emptyForm, type FormState } from './views/attendance.tsx';
import { AttendeesPage } from './views/attendees-page.tsx';
import { CentralInputPage } from './views/input-central-page.tsx';
import { MunicipalInputPage } from './views/input-municipal-page.tsx';
import { INPUT_NOTICES } from './views/input-parts.tsx';
import { CentralAttendanceSection, InputSection, MunicipalAttendanceSection, SECTION_NOTICES } from './views/sections.tsx';
import { withdrawMeetingInput } from './withdraw-meeting-input.ts';

type Notice = { kind: 'success' | 'info' | 'error'; text: string };

/** 422 and 409 come back as the page with the user's input; anything else is the error page's. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const failed = (values: Record<string, unknown>, e: AppError): FormState => ({
  values,
  errors: Object.keys(e.fieldErrors).length === 0 ? { _: e.message } : e.fieldErrors,
});

/** A form sent from the meeting page goes back there; only that page's own path is accepted. */
function backTo(body: Record<string, unknown>, meetingId: string): string | null {
  const back = body[BACK_FIELD];
  return back === meetingPath(meetingId) ? back : null;
}

/** The meeting page's `?besked=`: that route's schema is the planning part's, so the sections read it through their own. */
const sectionQuery = pageQuery({});
const besked = (request: FastifyRequest): string | undefined => {
  const parsed = sectionQuery.safeParse(request.query ?? {});
  return parsed.success ? parsed.data.besked : undefined;
};

async function attendeesPage(request: FastifyRequest, reply: FastifyReply, meetingId: string, opts: { form?: FormState; notice?: Notice | undefined; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeMeeting(ctx.actor, 'read');
  const m = await loadMeetingRow(ctx.db, meetingId);
  if (!m) throw meetingNotFound();
  if (isCentral(ctx.actor)) {
    const [counts, rows] = await Promise.all([attendanceCounts(ctx.db, m.id), listAttendees(ctx.db, ctx.actor, m.id)]);
    const page = <AttendeesPage request={request} meeting={m} page={{ kind: 'central', counts, rows, truncated: rows.length >= MAX_ATTENDEES }} notice={opts.notice} />;
    return sendPage(reply, page, opts.status ?? 200);
  }
  const data = await loadMunicipalAttendance(ctx, m);
  return sendPage(reply, <AttendeesPage request={request} meeting={m} page={{ kind: 'municipal', data, form: opts.form ?? emptyForm() }} notice={opts.notice} />, opts.status ?? 200);
}

const inputQuery = pageQuery({ moede: queryText, 'ikke-placeret': queryText, side: pageNumber });
type InputQuery = z.infer<typeof inputQuery>;

async function inputPage(request: FastifyRequest, reply: FastifyReply, query: InputQuery, opts: { form?: FormState; notice?: Notice | undefined; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeMeeting(ctx.actor, 'read');
  const page = query.side;
  const notice = opts.notice ?? noticeFor(INPUT_NOTICES, query.besked);
  const pagerFor = (total: number, params: Record<string, string>): JSX.Element => {
    const pages = Math.max(1, Math.ceil(total / INPUT_PAGE_SIZE));
    if (pages <= 1) return <></>;
    const link = (n: number) => `/moeder/input?${new URLSearchParams({ ...params, side: String(n) }).toString()}`;
    return <Pager text={`Side ${page} af ${pages}`} previous={page > 1 ? link(Math.min(page - 1, pages)) : null} next={page < pages ? link(page + 1) : null} />;
  };
  if (isCentral(ctx.actor)) {
    const meeting = query.moede === 'naeste' || isUuid(query.moede) ? query.moede : '';
    const unplaced = query['ikke-placeret'] === '1';
    const [{ rows, total }, meetings, coming] = await Promise.all([
      listMeetingInput(ctx.db, ctx.actor, { meeting: meeting || undefined, unplaced, page }),
      filterMeetings(ctx.db, ctx.now),
      comingMeetings(ctx.db, ctx.now),
    ]);
    const params: Record<string, string> = {};
    if (meeting) params.moede = meeting;
    if (unplaced) params['ikke-placeret'] = '1';
    const view = (
      <CentralInputPage
        request={request}
        rows={rows}
        total={total}
        meetings={meetings}
        coming={coming}
        filter={{ meeting, unplaced }}
        canPlace={canEditMeeting(ctx.actor)}
        notice={notice}
      >
        {pagerFor(total, params)}
      </CentralInputPage>
    );
    return sendPage(reply, view, opts.status ?? 200);
  }
  const code = ctx.actor.municipalityCode!;
  const [{ rows, total }, coming] = await Promise.all([listMeetingInput(ctx.db, ctx.actor, { page }), comingMeetings(ctx.db, ctx.now)]);
  const view = (
    <MunicipalInputPage
      request={request}
      municipalityName={ctx.actor.municipalityName ?? code}
      coming={coming}
      rows={rows}
      canSubmit={isMunicipalSpeaker(ctx.actor, code)}
      form={opts.form ?? emptyForm()}
      notice={notice}
    >
      {pagerFor(total, {})}
    </MunicipalInputPage>
  );
  return sendPage(reply, view, opts.status ?? 200);
}

const errorNotice = (e: AppError): Notice => ({ kind: 'error', text: Object.values(e.fieldErrors)[0] ?? e.message });
const firstPage = { side: 1 } as InputQuery;

async function attendanceSection(request: FastifyRequest, ctx: AttentionCtx, m: MeetingHead): Promise<JSX.Element> {
  if (isCentral(ctx.actor)) return <CentralAttendanceSection meeting={m} counts={await attendanceCounts(ctx.db, m.id)} />;
  const data = await loadMunicipalAttendance(ctx, m);
  return <MunicipalAttendanceSection data={data} form={emptyForm()} notice={noticeFor(SECTION_NOTICES, besked(request))} csrfToken={request.csrfToken} />;
}

async function inputSection(request: FastifyRequest, ctx: AttentionCtx, m: MeetingHead): Promise<JSX.Element | null> {
  if (!isCentral(ctx.actor)) return null;
  const rows = await inputForMeeting(ctx.db, m, ctx.now);
  return <InputSection meeting={m} rows={rows} canPlace={canEditMeeting(ctx.actor)} ended={hasEnded(m, ctx.now)} notice={noticeFor(SECTION_NOTICES, besked(request))} csrfToken={request.csrfToken} />;
}

/**
 * The municipalities' part of the program leader meetings (issue #14 point 5): who attends
 * (`/moeder/:id/deltagere` and the meeting page's "Deltagere"), "input til kommende møder"
 * (`/moeder/input` and the meeting page's "Input fra kommunerne"), and their API.
 */
export function registerMeetingMunicipal(root: FastifyInstance): void {
  registerMeetingSection({ key: 'municipal-attendance', order: 20, render: attendanceSection });
  registerMeetingSection({ key: 'municipal-input', order: 30, render: inputSection });
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/moeder/input', { schema: { querystring: inputQuery } }, async (request, reply) => inputPage(request, reply, request.query));

  app.post('/moeder/input', { schema: { body: formBody } }, async (request, reply) => {
    try {
      await submitMeetingInput(actorCtx(request), request.body, clientKeyOf(request));
      return reply.redirect('/moeder/input?besked=sendt', 303);
    } catch (error) {
      const e = formError(error);
      return inputPage(request, reply, firstPage, { form: failed(request.body, e), status: e.status });
    }
  });

  app.post('/moeder/input/:id/traek-tilbage', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    try {
      const r = await withdrawMeetingInput(actorCtx(request), request.params.id);
      return reply.redirect(`/moeder/input?besked=${r.withdrawn ? 'trukket-tilbage' : 'allerede-trukket-tilbage'}`, 303);
    } catch (error) {
      const e = formError(error);
      return inputPage(request, reply, firstPage, { notice: errorNotice(e), status: e.status });
    }
  });

  app.post('/moeder/input/:id/placer', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    try {
      const r = await placeMeetingInput(actorCtx(request), request.params.id, request.body);
      const back = backTo(request.body, r.meetingId);
      if (back) return reply.redirect(`${back}?besked=${r.placed ? 'input-placeret' : 'input-allerede-placeret'}#moede-input`, 303);
      return reply.redirect(`/moeder/input?besked=${r.placed ? 'placeret' : 'allerede-placeret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return inputPage(request, reply, firstPage, { notice: errorNotice(e), status: e.status });
    }
  });

  app.get('/moeder/:id/deltagere', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) =>
    attendeesPage(request, reply, request.params.id, { notice: noticeFor(ATTENDANCE_NOTICES, request.query.besked) }),
  );

  for (const format of EXPORT_FORMATS) {
    app.get(`/moeder/:id/deltagere.${format}`, { schema: { params: idParams } }, async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeMeeting(ctx.actor, 'read');
      if (!isCentral(ctx.actor)) throw forbidden('Kun KOMBITs medarbejdere henter alle kommuners tilmeldinger.');
      const m = await loadMeetingRow(ctx.db, request.params.id);
      if (!m) throw meetingNotFound();
      const rows = await listAttendees(ctx.db, ctx.actor, m.id);
      return sendDownload(reply, {
        filename: attendeeExportFilename(m, format),
        // sendDownload knows text/csv without parameters; the file's BOM tells Excel it is UTF-8.
        contentType: format === 'csv' ? 'text/csv' : CONTENT_TYPES.xlsx,
        content: await buildAttendeeExport(format, rows),
      });
    });
  }

  app.post('/moeder/:id/deltagere', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const { id } = request.params;
    try {
      await registerAttendee(actorCtx(request), id, request.body, clientKeyOf(request));
      const back = backTo(request.body, id);
      return reply.redirect(back ? `${back}?besked=deltager-tilmeldt#moede-deltagere` : `${attendeesPath(id)}?besked=tilmeldt`, 303);
    } catch (error) {
      const e = formError(error);
      return attendeesPage(request, reply, id, { form: failed(request.body, e), status: e.status });
    }
  });

  app.post('/moeder/:id/deltagere/:attendeeId/slet', { schema: { params: z.object({ id: uuidParam, attendeeId: uuidParam }), body: formBody } }, async (request, reply) => {
    const { id, attendeeId } = request.params;
    try {
      const r = await removeAttendee(actorCtx(request), id, attendeeId);
      const back = backTo(request.body, id);
      if (back) return reply.redirect(`${back}?besked=${r.removed ? 'deltager-fjernet' : 'deltager-allerede-fjernet'}#moede-deltagere`, 303);
      return reply.redirect(`${attendeesPath(id)}?besked=${r.removed ? 'fjernet' : 'allerede-fjernet'}`, 303);
    } catch (error) {
      const e = formError(error);
      return attendeesPage(request, reply, id, { notice: errorNotice(e), status: e.status });
    }
  });

  registerMeetingMunicipalApi(root);
}
