import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { danishDay } from '../../../platform/days.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery, uploadBody, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { councilMember, meetingItem } from '../schema.ts';
import { registerGovernanceApi } from './api.ts';
import { createCouncil } from './create-council.ts';
import { createMeeting } from './create-meeting.ts';
import { deleteMeetingFile } from './delete-meeting-file.ts';
import { meetingFileUploadFrom, registerMeetingFileParser } from './file-upload.ts';
import { MEETINGS_A_YEAR } from './labels.ts';
import { loadCouncil, loadMeeting } from './load.ts';
import { MAX_ITEMS } from './meeting-input.ts';
import { authorizeGovernance, governanceAbilities } from './policy.ts';
import { councilMeetings, councilMembers, latestMinutes, listCouncils, meetingFiles, meetingItems, municipalityOptions, upcomingMeetings } from './queries.ts';
import { readMeetingFile } from './read-meeting-file.ts';
import { removeMember } from './remove-member.ts';
import { memberNotFound, saveMember } from './save-member.ts';
import { saveMeetingItem } from './save-meeting-item.ts';
import { updateCouncil } from './update-council.ts';
import { updateMeeting } from './update-meeting.ts';
import { uploadMeetingFile } from './upload-meeting-file.ts';
import { COUNCIL_NOTICES, CouncilPage } from './views/council-page.tsx';
import { CouncilFormPage } from './views/council-form-page.tsx';
import type { FormState } from './views/forms.tsx';
import { ItemFormPage } from './views/item-form-page.tsx';
import { GovernanceLandingPage } from './views/landing-page.tsx';
import { MeetingFormPage } from './views/meeting-form-page.tsx';
import { MEETING_NOTICES, MeetingPage } from './views/meeting-page.tsx';
import { MemberFormPage } from './views/member-form-page.tsx';

/** A council's key in an address; anything else names no council (404). */
export const councilKeyParam = z.string().regex(/^[a-z0-9-]{2,60}$/, 'Ugyldig nøgle');
const keyParams = z.object({ key: councilKeyParam });
const memberParams = keyParams.extend({ memberId: uuidParam });
const itemParams = idParams.extend({ position: z.coerce.number().int().min(1).max(MAX_ITEMS) });
const fileParams = idParams.extend({ fileId: uuidParam });

/** 422 and 409 come back as the same page with the user's input and a Danish error summary; anything else is the error page's. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
/** A conflict's message says what is in the way (the meeting that day, the file already there): it leads the summary. */
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length === 0 ? { _: e.message } : e.status === 409 ? { _: e.message, ...e.fieldErrors } : e.fieldErrors);
const failed = (values: Record<string, unknown>, e: AppError): FormState => ({ values, errors: errorsOf(e) });

async function councilPage(request: FastifyRequest, reply: FastifyReply, key: string, opts: { notice?: string | undefined; memberForm?: FormState; meetingForm?: FormState; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeGovernance(ctx.actor, 'read');
  const abilities = governanceAbilities(ctx.actor);
  const c = await loadCouncil(ctx.db, key);
  const [members, meetings, municipalities] = await Promise.all([councilMembers(ctx.db, c.id), councilMeetings(ctx.db, c.id), abilities.edit ? municipalityOptions(ctx.db) : []]);
  const page = (
    <CouncilPage
      request={request}
      council={c}
      members={members}
      meetings={meetings}
      today={danishDay(ctx.now)}
      abilities={abilities}
      municipalities={municipalities}
      notice={opts.notice}
      memberForm={opts.memberForm}
      meetingForm={opts.meetingForm}
    />
  );
  return sendPage(reply, page, opts.status ?? 200);
}

async function meetingPage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { notice?: string | undefined; itemForm?: FormState; fileForm?: FormState; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeGovernance(ctx.actor, 'read');
  const meeting = await loadMeeting(ctx.db, id);
  const [items, files] = await Promise.all([meetingItems(ctx.db, meeting.id), meetingFiles(ctx.db, meeting.id)]);
  const page = (
    <MeetingPage
      request={request}
      meeting={meeting}
      items={items}
      files={files}
      today={danishDay(ctx.now)}
      abilities={governanceAbilities(ctx.actor)}
      notice={opts.notice}
      itemForm={opts.itemForm}
      fileForm={opts.fileForm}
    />
  );
  return sendPage(reply, page, opts.status ?? 200);
}

async function memberPage(request: FastifyRequest, reply: FastifyReply, key: string, memberId: string, state: FormState | null, status = 200) {
  const ctx = actorCtx(request);
  authorizeGovernance(ctx.actor, 'edit');
  const c = await loadCouncil(ctx.db, key);
  const [member] = await ctx.db
    .select()
    .from(councilMember)
    .where(and(eq(councilMember.id, memberId), eq(councilMember.councilId, c.id)));
  if (!member) throw memberNotFound();
  const values = state?.values ?? { seat: member.seat, name: member.name ?? '', organisation: member.organisation, municipalityCode: member.municipalityCode ?? '', chair: member.chair };
  const page = (
    <MemberFormPage request={request} council={c} memberId={member.id} seat={member.seat} state={{ values, errors: state?.errors ?? {} }} municipalities={await municipalityOptions(ctx.db)} />
  );
  return sendPage(reply, page, status);
}

/** The councils and their meetings (issue #11 point 5): pages for everyone signed in, forms for the secretariat, and the API. */
export function registerGovernanceRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/styring', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeGovernance(ctx.actor, 'read');
    const [councils, upcoming, minutes] = await Promise.all([listCouncils(ctx.db), upcomingMeetings(ctx.db, danishDay(ctx.now)), latestMinutes(ctx.db)]);
    return sendPage(reply, <GovernanceLandingPage request={request} councils={councils} upcoming={upcoming} minutes={minutes} abilities={governanceAbilities(ctx.actor)} />);
  });

  // ---- councils

  app.get('/styring/raad/ny', async (request, reply) => {
    authorizeGovernance(actorCtx(request).actor, 'edit');
    return sendPage(reply, <CouncilFormPage request={request} councilKey={null} state={{ values: { kind: 'fagraad' }, errors: {} }} />);
  });

  app.post('/styring/raad', { schema: { body: formBody } }, async (request, reply) => {
    try {
      const r = await createCouncil(actorCtx(request), request.body);
      return reply.redirect(`/styring/raad/${r.key}?besked=${r.created ? 'oprettet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return sendPage(reply, <CouncilFormPage request={request} councilKey={null} state={failed(request.body, e)} />, e.status);
    }
  });

  app.get('/styring/raad/:key', { schema: { params: keyParams, querystring: pageQuery({}) } }, async (request, reply) =>
    councilPage(request, reply, request.params.key, { notice: noticeFor(COUNCIL_NOTICES, request.query.besked) }),
  );

  app.get('/styring/raad/:key/rediger', { schema: { params: keyParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeGovernance(ctx.actor, 'edit');
    const c = await loadCouncil(ctx.db, request.params.key);
    const values = { kind: c.kind, name: c.name, area: c.area ?? '', description: c.description };
    return sendPage(reply, <CouncilFormPage request={request} councilKey={c.key} councilName={c.name} state={{ values, errors: {} }} />);
  });

  app.post('/styring/raad/:key', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { key } = request.params;
    try {
      const r = await updateCouncil(ctx, key, request.body);
      return reply.redirect(`/styring/raad/${key}?besked=${r.changed ? 'rettet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      const c = await loadCouncil(ctx.db, key);
      return sendPage(reply, <CouncilFormPage request={request} councilKey={c.key} councilName={c.name} state={failed(request.body, e)} />, e.status);
    }
  });

  // ---- members

  app.post('/styring/raad/:key/medlemmer', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const { key } = request.params;
    try {
      await saveMember(actorCtx(request), key, null, request.body, clientKeyOf(request));
      return reply.redirect(`/styring/raad/${key}?besked=medlem-gemt`, 303);
    } catch (error) {
      const e = formError(error);
      return councilPage(request, reply, key, { memberForm: failed(request.body, e), status: e.status });
    }
  });

  app.get('/styring/raad/:key/medlemmer/:memberId', { schema: { params: memberParams } }, async (request, reply) =>
    memberPage(request, reply, request.params.key, request.params.memberId, null),
  );

  app.post('/styring/raad/:key/medlemmer/:memberId', { schema: { params: memberParams, body: formBody } }, async (request, reply) => {
    const { key, memberId } = request.params;
    try {
      const r = await saveMember(actorCtx(request), key, memberId, request.body);
      return reply.redirect(`/styring/raad/${key}?besked=${r.changed ? 'medlem-gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return memberPage(request, reply, key, memberId, failed(request.body, e), e.status);
    }
  });

  app.post('/styring/raad/:key/medlemmer/:memberId/fjern', { schema: { params: memberParams, body: formBody } }, async (request, reply) => {
    const { key, memberId } = request.params;
    const r = await removeMember(actorCtx(request), key, memberId);
    return reply.redirect(`/styring/raad/${key}?besked=${r.changed ? 'medlem-fjernet' : 'allerede-fjernet'}`, 303);
  });

  // ---- meetings

  app.post('/styring/raad/:key/moeder', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const { key } = request.params;
    try {
      const r = await createMeeting(actorCtx(request), key, request.body);
      const notice = !r.created ? 'findes' : r.meetingsThatYear > MEETINGS_A_YEAR ? 'fjerde' : 'oprettet';
      return reply.redirect(`/styring/moeder/${r.id}?besked=${notice}`, 303);
    } catch (error) {
      const e = formError(error);
      return councilPage(request, reply, key, { meetingForm: failed(request.body, e), status: e.status });
    }
  });

  app.get('/styring/moeder/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) =>
    meetingPage(request, reply, request.params.id, { notice: noticeFor(MEETING_NOTICES, request.query.besked) }),
  );

  app.get('/styring/moeder/:id/rediger', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeGovernance(ctx.actor, 'edit');
    const m = await loadMeeting(ctx.db, request.params.id);
    return sendPage(reply, <MeetingFormPage request={request} meeting={m} state={{ values: { date: m.meetingDate, title: m.title, location: m.location }, errors: {} }} />);
  });

  app.post('/styring/moeder/:id', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    try {
      const r = await updateMeeting(ctx, id, request.body);
      return reply.redirect(`/styring/moeder/${id}?besked=${r.changed ? 'rettet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      const m = await loadMeeting(ctx.db, id);
      return sendPage(reply, <MeetingFormPage request={request} meeting={m} state={failed(request.body, e)} />, e.status);
    }
  });

  // ---- agenda items and decisions

  app.post('/styring/moeder/:id/punkter', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const { id } = request.params;
    try {
      const r = await saveMeetingItem(actorCtx(request), id, request.body.position, request.body, 'add');
      return reply.redirect(`/styring/moeder/${id}?besked=${r.changed ? 'punkt-gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return meetingPage(request, reply, id, { itemForm: failed(request.body, e), status: e.status });
    }
  });

  app.get('/styring/moeder/:id/punkter/:position', { schema: { params: itemParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeGovernance(ctx.actor, 'edit');
    const { id, position } = request.params;
    const m = await loadMeeting(ctx.db, id);
    const [item] = await ctx.db
      .select()
      .from(meetingItem)
      .where(and(eq(meetingItem.meetingId, m.id), eq(meetingItem.position, position)));
    if (!item) throw new AppError(404, 'not_found', 'Punktet findes ikke.');
    const values = { title: item.title, description: item.description, decision: item.decision ?? '' };
    return sendPage(reply, <ItemFormPage request={request} meeting={m} position={position} state={{ values, errors: {} }} />);
  });

  app.post('/styring/moeder/:id/punkter/:position', { schema: { params: itemParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, position } = request.params;
    try {
      const r = await saveMeetingItem(ctx, id, position, request.body, 'put');
      return reply.redirect(`/styring/moeder/${id}?besked=${r.changed ? 'punkt-gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      const m = await loadMeeting(ctx.db, id);
      return sendPage(reply, <ItemFormPage request={request} meeting={m} position={position} state={failed(request.body, e)} />, e.status);
    }
  });

  // ---- files

  app.get('/styring/moeder/:id/filer/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    const f = await readMeetingFile(actorCtx(request), request.params.id, request.params.fileId);
    return sendDownload(reply, { filename: f.filename, contentType: f.contentType, content: f.content, sha256: f.sha256 });
  });

  app.post('/styring/moeder/:id/filer/:fileId/slet', { schema: { params: fileParams, body: formBody } }, async (request, reply) => {
    const { id, fileId } = request.params;
    const r = await deleteMeetingFile(actorCtx(request), id, fileId);
    return reply.redirect(`/styring/moeder/${id}?besked=${r.changed ? 'fil-slettet' : 'fil-allerede-slettet'}`, 303);
  });

  // An agenda, minutes or annex up to MAX_MEETING_FILE_BYTES with its name: parsed by this scope's own multipart parser.
  app.register(async (parent) => {
    registerMeetingFileParser(parent);
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    scope.post('/styring/moeder/:id/filer', { schema: { params: idParams, body: uploadBody } }, async (request, reply) => {
      const { id } = request.params;
      const upload = meetingFileUploadFrom(request.body);
      try {
        const r = await uploadMeetingFile(actorCtx(request), id, upload);
        return reply.redirect(`/styring/moeder/${id}?besked=${r.created ? 'fil-lagt-paa' : 'fil-findes'}`, 303);
      } catch (error) {
        const e = formError(error);
        return meetingPage(request, reply, id, { fileForm: failed(upload.fields, e), status: e.status });
      }
    });
  });

  registerGovernanceApi(root);
}
