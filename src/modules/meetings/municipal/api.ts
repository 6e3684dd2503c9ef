import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { apiBody, errorResponses, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { pageNumber } from '../../../platform/http/page-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadMeetingRow } from '../meeting-row.ts';
import { meetingNotFound } from '../paths.ts';
import { authorizeMeeting, authorizeMeetingMunicipality } from '../policy.ts';
import { meetingInputKinds } from '../schema.ts';
import { inputNotFound, placeMeetingInput } from './place-meeting-input.ts';
import { INPUT_PAGE_SIZE, listAttendees, listMeetingInput, loadAttendee, loadMeetingInput, type AttendeeRow, type InputRow, type MeetingOption } from './queries.ts';
import { registerAttendee } from './register-attendee.ts';
import { removeAttendee } from './remove-attendee.ts';
import { submitMeetingInput } from './submit-meeting-input.ts';
import { withdrawMeetingInput } from './withdraw-meeting-input.ts';

const tags = ['Møder'];
const speakers = 'Kommunens programleder, KLIK-administrator og IT-chef skriver (ellers 403); en anden kommunes: 404.';
const ref = z.object({ code: z.string(), name: z.string() });
const meetingRef = z.object({ id: z.string(), title: z.string(), startsAt: z.string().describe('ISO 8601') });

const attendeeOut = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    municipality: ref,
    personId: z.string().nullable().describe('Personen i rollegalleriet, hvis deltageren er valgt derfra'),
    name: z.string(),
    email: z.string(),
    online: z.boolean(),
    registeredAt: z.string(),
  })
  .meta({ id: 'MeetingAttendee' });

const inputOut = z
  .object({
    id: z.string(),
    municipality: ref,
    kind: z.enum(meetingInputKinds).describe('emne eller spoergsmaal'),
    title: z.string(),
    body: z.string(),
    submittedAt: z.string(),
    meeting: meetingRef.nullable().describe('Mødet, inputtet er til; null: næste møde'),
    state: z.enum(['modtaget', 'paa-dagsordenen']),
    agendaItem: z.object({ id: z.string(), meeting: meetingRef }).nullable().describe('Dagsordenspunktet, inputtet blev til'),
  })
  .meta({ id: 'MunicipalMeetingInput' });

const toMeeting = (m: MeetingOption) => ({ id: m.id, title: m.title, startsAt: m.startsAt.toISOString() });
const toAttendee = (meetingId: string, r: AttendeeRow) => ({
  id: r.id,
  meetingId,
  municipality: { code: r.municipalityCode, name: r.municipalityName },
  personId: r.personId,
  name: r.name,
  email: r.email,
  online: r.online,
  registeredAt: r.registeredAt.toISOString(),
});
const toInput = (r: InputRow) => ({
  id: r.id,
  municipality: { code: r.municipalityCode, name: r.municipalityName },
  kind: r.kind,
  title: r.title,
  body: r.body,
  submittedAt: r.submittedAt.toISOString(),
  meeting: r.forMeeting ? toMeeting(r.forMeeting) : null,
  state: r.placed ? ('paa-dagsordenen' as const) : ('modtaget' as const),
  agendaItem: r.placed ? { id: r.placed.agendaItemId, meeting: toMeeting(r.placed.meeting) } : null,
});

const meetingParams = z.object({ id: uuidParam });

export function registerMeetingMunicipalApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/meetings/:id/attendees',
    {
      schema: {
        tags,
        summary: 'Et mødes tilmeldte deltagere',
        description: 'KOMBITs medarbejdere får alle kommuners (eller én kommunes med ?municipality=), en kommunes brugere kun kommunens egne; en anden kommunes: 404.',
        params: meetingParams,
        querystring: z.object({ municipality: municipalityCodeParam.optional() }),
        response: { 200: z.object({ items: z.array(attendeeOut) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeMeeting(ctx.actor, 'read');
      const code = request.query.municipality ?? (isCentral(ctx.actor) ? undefined : ctx.actor.municipalityCode!);
      if (code !== undefined) authorizeMeetingMunicipality(ctx.actor, code, 'read');
      const m = await loadMeetingRow(ctx.db, request.params.id);
      if (!m) throw meetingNotFound();
      const rows = await listAttendees(ctx.db, ctx.actor, m.id, code);
      return { items: rows.map((r) => toAttendee(m.id, r)) };
    },
  );

  app.post(
    '/api/v1/meetings/:id/attendees',
    {
      schema: {
        tags,
        summary: 'Tilmeld en deltager fra egen kommune',
        description: `Enten personId (en person i kommunens rollegalleri) eller name (og email). Samme navn to gange fra samme kommune: 409. Efter mødets slutning: 409. Samme Idempotency-Key og indhold igen tilmelder ingen ny. ${speakers}`,
        params: meetingParams,
        body: apiBody(z.object({ personId: z.string().nullable().optional(), name: z.string().optional(), email: z.string().optional(), online: z.boolean() })),
        response: { 201: attendeeOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await registerAttendee(ctx, request.params.id, request.body, clientKeyOf(request));
      const row = await loadAttendee(ctx.db, request.params.id, r.id);
      if (!row) throw meetingNotFound();
      return reply.status(201).send(toAttendee(request.params.id, row));
    },
  );

  app.delete(
    '/api/v1/meetings/:id/attendees/:attendeeId',
    {
      schema: {
        tags,
        summary: 'Afmeld en deltager fra egen kommune',
        description: `En deltager, der allerede er afmeldt, svarer også 204. Efter mødets slutning: 409. ${speakers}`,
        params: z.object({ id: uuidParam, attendeeId: uuidParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeAttendee(actorCtx(request), request.params.id, request.params.attendeeId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/meeting-input',
    {
      schema: {
        tags,
        summary: 'Input til kommende møder, nyeste først',
        description: `KOMBITs medarbejdere får alle kommuners, en kommunes brugere kun kommunens eget. Sidevis med ${INPUT_PAGE_SIZE} pr. side.`,
        querystring: z.object({
          meetingId: z.union([uuidParam, z.literal('next')]).optional().describe('Kun input til mødet; next: input til «næste møde»'),
          unplaced: z.enum(['true', 'false']).optional().describe('true: kun input, der ikke er sat på en dagsorden'),
          page: pageNumber.optional(),
        }),
        response: { 200: z.object({ items: z.array(inputOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeMeeting(ctx.actor, 'read');
      const page = request.query.page ?? 1;
      const meeting = request.query.meetingId === 'next' ? 'naeste' : request.query.meetingId;
      const { rows, total } = await listMeetingInput(ctx.db, ctx.actor, { meeting, unplaced: request.query.unplaced === 'true', page });
      return { items: rows.map(toInput), total, page, pageSize: INPUT_PAGE_SIZE };
    },
  );

  app.post(
    '/api/v1/meeting-input',
    {
      schema: {
        tags,
        summary: 'Send et emne eller spørgsmål til et kommende møde',
        description: `meetingId: et møde, der ikke er begyndt; null eller udeladt: næste møde. Samme Idempotency-Key og indhold igen sender intet nyt. ${speakers}`,
        body: apiBody(z.object({ kind: z.enum(meetingInputKinds), title: z.string(), body: z.string().optional(), meetingId: z.string().nullable().optional() })),
        response: { 201: inputOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await submitMeetingInput(ctx, request.body, clientKeyOf(request));
      const row = await loadMeetingInput(ctx.db, r.id);
      if (!row) throw inputNotFound();
      return reply.status(201).send(toInput(row));
    },
  );

  app.delete(
    '/api/v1/meeting-input/:id',
    {
      schema: {
        tags,
        summary: 'Træk input tilbage',
        description: `Kun input, der ikke er sat på en dagsorden (ellers 409). Input, der allerede er trukket tilbage, svarer også 204. ${speakers}`,
        params: z.object({ id: uuidParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await withdrawMeetingInput(actorCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/meeting-input/:id/place',
    {
      schema: {
        tags,
        summary: 'Sæt input på et mødes dagsorden',
        description:
          'Opretter et dagsordenspunkt sidst på dagsordenen for meetingId (udeladt: inputtets eget møde, ellers det næste kommende). Input, der allerede er sat på, ændres ikke (placed: false). Kun KOMBITs administratorer og konsulenter (ellers 403).',
        params: z.object({ id: uuidParam }),
        body: apiBody(z.object({ meetingId: z.string().nullable().optional() })),
        response: { 200: z.object({ placed: z.boolean().describe('false: inputtet var allerede sat på'), input: inputOut }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const r = await placeMeetingInput(ctx, request.params.id, request.body);
      const row = await loadMeetingInput(ctx.db, request.params.id);
      if (!row) throw inputNotFound();
      return { placed: r.placed, input: toInput(row) };
    },
  );
}
