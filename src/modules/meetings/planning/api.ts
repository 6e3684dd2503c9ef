import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { danishMidnight, parseDay } from '../../../platform/days.ts';
import { invalid } from '../../../platform/errors.ts';
import { apiBody, errorResponses, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { renderMarkdown } from '../../tasks/index.ts';
import { invitationPath, materialPath, meetingPath } from '../paths.ts';
import { agendaLinkKinds } from '../schema.ts';
import { authorizeMeeting } from '../policy.ts';
import { createMeeting } from './create-meeting.ts';
import { deleteAgendaItem } from './delete-agenda-item.ts';
import { deleteMaterial } from './delete-material.ts';
import { deleteMeeting } from './delete-meeting.ts';
import { API_MEETINGS_LIMIT, findMeetings, loadMeeting, type AgendaItem, type MaterialRow, type MeetingDetail } from './load-meeting.ts';
import type { MeetingRow } from '../meeting-row.ts';
import { MAX_MATERIAL_MB, materialFrom, registerMaterialParser } from './material-upload.ts';
import { moveAgendaItem } from './move-agenda-item.ts';
import { addAgendaItem, agendaItemNotFound, updateAgendaItem } from './save-agenda-item.ts';
import { updateMeeting } from './update-meeting.ts';
import { uploadMaterial } from './upload-material.ts';

const tags = ['Møder'];
const editors = 'Kun KOMBITs administratorer og konsulenter skriver (ellers 403).';

const meetingFields = {
  id: z.string(),
  title: z.string(),
  startsAt: z.string().describe('ISO 8601 (UTC)'),
  endsAt: z.string().describe('ISO 8601 (UTC)'),
  place: z.string(),
  onlineLink: z.string().nullable(),
  recordingLink: z.string().nullable(),
  sequence: z.number().int().describe('iCal SEQUENCE: vokser, når tid eller sted ændres'),
  url: z.string(),
  invitationUrl: z.string().describe('iCal-invitationen (text/calendar)'),
};
const meetingRowOut = z.object(meetingFields).meta({ id: 'MeetingRow' });

const agendaItemOut = z
  .object({
    id: z.string(),
    position: z.number().int().describe('1, 2, … i dagsordenens rækkefølge'),
    title: z.string(),
    minutes: z.number().int().nullable(),
    description: z.string().describe('Markdown'),
    descriptionHtml: z.string(),
    presenters: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
    links: z.array(z.object({ kind: z.enum(agendaLinkKinds), id: z.string(), title: z.string(), url: z.string() })).describe('Kun det, kalderen må læse'),
  })
  .meta({ id: 'MeetingAgendaItem' });

const materialOut = z
  .object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(), uploadedAt: z.string(), downloadUrl: z.string() })
  .meta({ id: 'MeetingMaterial' });

const meetingOut = z
  .object({
    ...meetingFields,
    practicalInfo: z.string().describe('Markdown'),
    practicalInfoHtml: z.string(),
    agenda: z.array(agendaItemOut),
    materials: z.array(materialOut),
  })
  .meta({ id: 'Meeting' });

const meetingBody = z.object({
  title: z.string(),
  day: z.string().describe('dd.mm.åååå eller åååå-mm-dd'),
  startTime: z.string().describe('tt.mm, dansk tid'),
  endTime: z.string().describe('tt.mm, dansk tid, efter startTime'),
  place: z.string().optional(),
  onlineLink: z.string().nullable().optional().describe('https://…'),
  practicalInfo: z.string().optional().describe('Markdown'),
  recordingLink: z.string().nullable().optional().describe('https://…'),
});
const agendaBody = z.object({
  title: z.string(),
  minutes: z.number().int().nullable().optional(),
  description: z.string().optional().describe('Markdown'),
  presenters: z.array(z.string()).optional().describe('Person-id på KOMBITs medarbejdere'),
  news: z.array(z.string()).optional().describe('Nyhedernes id'),
  programmes: z.array(z.string()).optional().describe('Programmernes id'),
  tasks: z.array(z.string()).optional().describe('Opgavernes id'),
  agreements: z.array(z.string()).optional().describe('Aftalernes id'),
});

const toRow = (m: MeetingRow) => ({
  id: m.id,
  title: m.title,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  place: m.place,
  onlineLink: m.onlineLink,
  recordingLink: m.recordingLink,
  sequence: m.sequence,
  url: meetingPath(m.id),
  invitationUrl: invitationPath(m.id),
});
const toItem = (i: AgendaItem) => ({
  id: i.id,
  position: i.position,
  title: i.title,
  minutes: i.minutes,
  description: i.description,
  descriptionHtml: renderMarkdown(i.description),
  presenters: i.presenters,
  links: i.links.map((l) => ({ kind: l.kind, id: l.id, title: l.title, url: l.href })),
});
const toMaterial = (meetingId: string, f: MaterialRow) => ({ ...f, uploadedAt: f.uploadedAt.toISOString(), downloadUrl: materialPath(meetingId, f.id) });
const toMeeting = (m: MeetingDetail) => ({
  ...toRow(m),
  practicalInfo: m.practicalInfo,
  practicalInfoHtml: renderMarkdown(m.practicalInfo),
  agenda: m.agenda.map(toItem),
  materials: m.materials.map((f) => toMaterial(m.id, f)),
});

const idParams = z.object({ id: uuidParam });
const itemParams = z.object({ id: uuidParam, itemId: uuidParam });

export function registerMeetingApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: 'Programledermøderne',
        description: `Uden filter: de seneste ${API_MEETINGS_LIMIT}, nyeste først. Med \`from\` eller \`upcoming=true\`: møderne, der ikke er slut på dagen (eller nu), nærmeste først, højst ${API_MEETINGS_LIMIT}.`,
        querystring: z.object({
          from: z.string().optional().describe('åååå-mm-dd: møder, der slutter denne dag eller senere'),
          upcoming: z.enum(['true', 'false']).optional().describe('true: kun kommende møder'),
        }),
        response: { 200: z.object({ items: z.array(meetingRowOut) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeMeeting(ctx.actor, 'read');
      let from: Date | undefined;
      if (request.query.from !== undefined) {
        const day = parseDay(request.query.from);
        if (day === null) throw invalid({ from: 'Skriv dagen som åååå-mm-dd' });
        from = danishMidnight(day);
      }
      if (request.query.upcoming === 'true' && (from === undefined || from < ctx.now)) from = ctx.now;
      return { items: (await findMeetings(ctx.db, from)).map(toRow) };
    },
  );

  app.get('/api/v1/meetings/:id', { schema: { tags, summary: 'Ét møde med dagsorden, oplægsholdere, links og materiale', params: idParams, response: { 200: meetingOut, ...errorResponses } } }, async (request) => {
    const ctx = actorCtx(request);
    authorizeMeeting(ctx.actor, 'read');
    return toMeeting(await loadMeeting(ctx.db, ctx.actor, request.params.id, ctx.now));
  });

  app.post(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: 'Opret et møde',
        description: `Samme Idempotency-Key og indhold igen opretter intet nyt og svarer med det samme møde. ${editors}`,
        body: apiBody(meetingBody),
        response: { 201: meetingOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await createMeeting(ctx, request.body, clientKeyOf(request));
      return reply.status(201).send(toMeeting(await loadMeeting(ctx.db, ctx.actor, r.id, ctx.now)));
    },
  );

  app.put(
    '/api/v1/meetings/:id',
    { schema: { tags, summary: 'Ret et møde', description: `Ny tid eller nyt sted øger sequence. ${editors}`, params: idParams, body: apiBody(meetingBody), response: { 200: meetingOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await updateMeeting(ctx, request.params.id, request.body);
      return toMeeting(await loadMeeting(ctx.db, ctx.actor, request.params.id, ctx.now));
    },
  );

  app.delete(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Slet et møde',
        description: `Et møde, hvis opfølgning er sendt, kan ikke slettes (409). Et møde, der allerede er slettet, svarer også 204. ${editors}`,
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMeeting(actorCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const itemOf = async (request: { params: { id: string } }, ctx: ReturnType<typeof actorCtx>, itemId: string) => {
    const m = await loadMeeting(ctx.db, ctx.actor, request.params.id, ctx.now);
    const item = m.agenda.find((i) => i.id === itemId);
    if (!item) throw agendaItemNotFound();
    return toItem(item);
  };

  app.post(
    '/api/v1/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Tilføj et punkt sidst på dagsordenen',
        description: `Samme Idempotency-Key og indhold igen tilføjer intet nyt. ${editors}`,
        params: idParams,
        body: apiBody(agendaBody),
        response: { 201: agendaItemOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await addAgendaItem(ctx, request.params.id, request.body, clientKeyOf(request));
      return reply.status(201).send(await itemOf(request, ctx, r.id));
    },
  );

  app.put(
    '/api/v1/meetings/:id/agenda/:itemId',
    { schema: { tags, summary: 'Ret et dagsordenspunkt', description: `Oplægsholdere og links erstattes af dem, der sendes. ${editors}`, params: itemParams, body: apiBody(agendaBody), response: { 200: agendaItemOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await updateAgendaItem(ctx, request.params.id, request.params.itemId, request.body);
      return itemOf(request, ctx, request.params.itemId);
    },
  );

  app.post(
    '/api/v1/meetings/:id/agenda/:itemId/move',
    {
      schema: {
        tags,
        summary: 'Flyt et dagsordenspunkt én plads op eller ned',
        description: `\`from\`: den plads, kalderen så punktet på; står det ikke der mere, flyttes intet (moved: false). ${editors}`,
        params: itemParams,
        body: apiBody(z.object({ direction: z.enum(['up', 'down']), from: z.number().int().optional() })),
        response: { 200: z.object({ moved: z.boolean(), agenda: z.array(agendaItemOut) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const d = request.body.direction;
      const r = await moveAgendaItem(ctx, request.params.id, request.params.itemId, d === 'up' ? 'op' : d === 'down' ? 'ned' : d, request.body.from);
      const m = await loadMeeting(ctx.db, ctx.actor, request.params.id, ctx.now);
      return { moved: r.moved, agenda: m.agenda.map(toItem) };
    },
  );

  app.delete(
    '/api/v1/meetings/:id/agenda/:itemId',
    { schema: { tags, summary: 'Slet et dagsordenspunkt', description: `De følgende punkter rykker op. Et punkt, der allerede er slettet, svarer også 204. ${editors}`, params: itemParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteAgendaItem(actorCtx(request), request.params.id, request.params.itemId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/meetings/:id/materials/:materialId',
    {
      schema: {
        tags,
        summary: 'Slet en fil fra mødet',
        description: `En fil, der allerede er slettet, svarer også 204. ${editors}`,
        params: z.object({ id: uuidParam, materialId: uuidParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMaterial(actorCtx(request), request.params.id, request.params.materialId);
      return reply.status(204).send(null);
    },
  );

  app.register(async (scope) => {
    registerMaterialParser(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/meetings/:id/materials',
      {
        schema: {
          tags,
          summary: 'Læg en fil på mødet (multipart)',
          description:
            `Feltet \`file\`: PDF, PowerPoint (.pptx), Word (.docx) eller Excel (.xlsx), højst ${MAX_MATERIAL_MB} MB; typen læses af indholdet. ` +
            `Den samme fil med samme navn igen ændrer intet (200); det samme indhold under et andet navn afvises (409). ${editors}`,
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: materialOut, 201: materialOut, ...errorResponses },
        },
      },
      async (request, reply) => {
        const ctx = actorCtx(request);
        const r = await uploadMaterial(ctx, request.params.id, materialFrom(request.body));
        const m = await loadMeeting(ctx.db, ctx.actor, request.params.id, ctx.now);
        const f = m.materials.find((x) => x.id === r.id)!;
        return reply.status(r.created ? 201 : 200).send(toMaterial(m.id, f));
      },
    );
  });
}
