import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { apiBody, errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { councilKinds, meetingFileKinds } from '../schema.ts';
import { createMeeting } from './create-meeting.ts';
import { MAX_MEETING_FILE_MB, meetingFileUploadFrom, registerMeetingFileParser } from './file-upload.ts';
import { loadCouncil, loadMeeting } from './load.ts';
import { MAX_ITEMS } from './meeting-input.ts';
import { authorizeGovernance } from './policy.ts';
import { councilHref, councilMembers, fileHref, findMeetings, listCouncils, MAX_API_MEETINGS, meetingFiles, meetingHref, meetingItems, type FileRow, type MeetingSummary } from './queries.ts';
import { saveMeetingItem } from './save-meeting-item.ts';
import { uploadMeetingFile } from './upload-meeting-file.ts';

const tags = ['Styring'];
const councilKey = z.string().regex(/^[a-z0-9-]{2,60}$/, 'Rådets nøgle består af 2-60 små bogstaver, tal og bindestreger');

const councilOut = z
  .object({
    key: z.string().describe('Rådets nøgle, fx portefoeljeraadet'),
    kind: z.enum(councilKinds),
    name: z.string(),
    area: z.string().nullable().describe('Fagrådets forvaltningsområde; null for Porteføljerådet'),
    description: z.string(),
    chair: z.string().nullable().describe('Forpersonens navn, hvis en er valgt'),
    members: z.number().int().describe('Besatte pladser'),
    vacantSeats: z.number().int(),
    url: z.string().describe('Rådets side'),
  })
  .meta({ id: 'GovernanceCouncil' });

const memberOut = z
  .object({
    id: z.string(),
    seat: z.string().describe('Pladsen, fx "Kommunaldirektør, KKR Hovedstaden"'),
    name: z.string().nullable().describe('null: pladsen er ledig'),
    vacant: z.boolean(),
    organisation: z.string(),
    municipalityCode: z.string().nullable(),
    chair: z.boolean(),
  })
  .meta({ id: 'GovernanceMember' });

const councilDetailOut = councilOut.extend({ seats: z.array(memberOut) }).meta({ id: 'GovernanceCouncilDetail' });

const councilRef = z.object({ key: z.string(), name: z.string() }).meta({ id: 'GovernanceCouncilRef' });

const meetingOut = z
  .object({
    id: z.string(),
    council: councilRef,
    date: z.string().describe('Mødets dag, åååå-mm-dd (dansk tid)'),
    title: z.string(),
    location: z.string(),
    minutesUrl: z.string().nullable().describe('Download af det nyeste referat; null, før referatet er lagt på'),
    url: z.string().describe('Mødets side'),
  })
  .meta({ id: 'GovernanceMeeting' });

const itemOut = z
  .object({
    position: z.number().int(),
    title: z.string(),
    description: z.string(),
    decision: z.string().nullable().describe('null: punktet er ikke behandlet endnu'),
  })
  .meta({ id: 'GovernanceMeetingItem' });

const fileOut = z
  .object({
    id: z.string(),
    kind: z.enum(meetingFileKinds),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    downloadUrl: z.string(),
  })
  .meta({ id: 'GovernanceMeetingFile' });

const meetingDetailOut = meetingOut.extend({ items: z.array(itemOut), files: z.array(fileOut) }).meta({ id: 'GovernanceMeetingDetail' });

const presentMeeting = (m: MeetingSummary) => ({
  id: m.id,
  council: { key: m.councilKey, name: m.councilName },
  date: m.date,
  title: m.title,
  location: m.location,
  minutesUrl: m.referatId ? fileHref(m.id, m.referatId) : null,
  url: meetingHref(m.id),
});

const presentFile = (meetingId: string, f: FileRow) => ({
  id: f.id,
  kind: f.kind,
  filename: f.filename,
  contentType: f.contentType,
  size: f.size,
  sha256: f.sha256,
  uploadedAt: iso(f.uploadedAt)!,
  downloadUrl: fileHref(meetingId, f.id),
});

/** A meeting with its agenda, decisions and files: three statements. */
async function meetingDetail(db: Db, id: string) {
  const m = await loadMeeting(db, id);
  const [items, files] = await Promise.all([meetingItems(db, m.id), meetingFiles(db, m.id)]);
  const referat = [...files].reverse().find((f) => f.kind === 'referat');
  return {
    ...presentMeeting({ id: m.id, councilKey: m.council.key, councilName: m.council.name, date: m.meetingDate, title: m.title, location: m.location, referatId: referat?.id ?? null }),
    items: items.map((i) => ({ position: i.position, title: i.title, description: i.description, decision: i.decision })),
    files: files.map((f) => presentFile(m.id, f)),
  };
}

const readCtx = (ctx: Ctx) => {
  authorizeGovernance(ctx.actor, 'read');
  return ctx;
};

/** The councils, meetings, decisions and minutes for integrations: readable by everyone signed in, written by the secretariat. */
export function registerGovernanceApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const openToAll = 'Alle, der er logget ind, også kommunernes brugere: rådenes arbejde er åbent for alle 98 kommuner.';
  const secretariat = 'Kun K98-sekretariatet (KOMBITs økonomi og administratorer); andre får 403.';

  app.get(
    '/api/v1/governance/councils',
    {
      schema: {
        tags,
        summary: 'Rådene i K98-styringen med forperson og antal medlemmer',
        description: `Porteføljerådet først, derefter fagrådene i dansk alfabetisk orden. ${openToAll}`,
        response: { 200: z.object({ councils: z.array(councilOut) }).meta({ id: 'GovernanceCouncils' }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = readCtx(actorCtx(request));
      const councils = await listCouncils(ctx.db);
      return {
        councils: councils.map((c) => ({ key: c.key, kind: c.kind, name: c.name, area: c.area, description: c.description, chair: c.chair, members: c.members, vacantSeats: c.vacant, url: councilHref(c.key) })),
      };
    },
  );

  app.get(
    '/api/v1/governance/councils/:key',
    {
      schema: {
        tags,
        summary: 'Ét råd med dets pladser og medlemmer',
        description: `En ledig plads har name: null. ${openToAll}`,
        params: z.object({ key: councilKey }),
        response: { 200: councilDetailOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = readCtx(actorCtx(request));
      const c = await loadCouncil(ctx.db, request.params.key);
      const seats = await councilMembers(ctx.db, c.id);
      const filled = seats.filter((s) => s.name !== null);
      return {
        key: c.key,
        kind: c.kind,
        name: c.name,
        area: c.area,
        description: c.description,
        chair: filled.find((s) => s.chair)?.name ?? null,
        members: filled.length,
        vacantSeats: seats.length - filled.length,
        url: councilHref(c.key),
        seats: seats.map((s) => ({ id: s.id, seat: s.seat, name: s.name, vacant: s.name === null, organisation: s.organisation, municipalityCode: s.municipalityCode, chair: s.chair })),
      };
    },
  );

  app.get(
    '/api/v1/governance/meetings',
    {
      schema: {
        tags,
        summary: 'Rådenes møder, efter dato',
        description: `Filtrér med ?year=2026 og ?council=<nøgle>. Højst ${MAX_API_MEETINGS} møder (de seneste); truncated: true, når der var flere. ${openToAll}`,
        querystring: z.object({
          year: z.coerce.number().int().min(2000, 'Året skal være mellem 2000 og 2100').max(2100, 'Året skal være mellem 2000 og 2100').optional(),
          council: councilKey.optional(),
        }),
        response: { 200: z.object({ meetings: z.array(meetingOut), truncated: z.boolean() }).meta({ id: 'GovernanceMeetings' }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = readCtx(actorCtx(request));
      const r = await findMeetings(ctx.db, { year: request.query.year, councilKey: request.query.council });
      return { meetings: r.meetings.map(presentMeeting), truncated: r.truncated };
    },
  );

  app.get(
    '/api/v1/governance/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Ét møde med dagsorden, beslutninger og filer',
        description: `Filerne (dagsorden, referat, bilag) hentes på deres downloadUrl. ${openToAll}`,
        params: z.object({ id: uuidParam }),
        response: { 200: meetingDetailOut, ...errorResponses },
      },
    },
    async (request) => meetingDetail(readCtx(actorCtx(request)).db, request.params.id),
  );

  app.post(
    '/api/v1/governance/councils/:key/meetings',
    {
      schema: {
        tags,
        summary: 'Planlæg et møde i et råd',
        description:
          'Et råd holder højst ét møde pr. dag: det samme møde igen (samme dag, titel og sted) opretter intet og svarer 200; et andet møde samme dag svarer 409. ' +
          `Normen er tre møder om året, men et fjerde afvises ikke. ${secretariat}`,
        params: z.object({ key: councilKey }),
        body: apiBody(z.object({ date: z.string().describe('åååå-mm-dd'), title: z.string(), location: z.string().optional() })),
        response: { 200: meetingDetailOut, 201: meetingDetailOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await createMeeting(ctx, request.params.key, request.body);
      return reply.status(r.created ? 201 : 200).send(await meetingDetail(ctx.db, r.id));
    },
  );

  app.put(
    '/api/v1/governance/meetings/:id/items/:position',
    {
      schema: {
        tags,
        summary: 'Skriv et dagsordenspunkt og dets beslutning',
        description: `Punktets nummer (1-${MAX_ITEMS}) er dets identitet: findes punktet, rettes det, ellers oprettes det. decision tom eller null: ikke behandlet endnu. ${secretariat}`,
        params: z.object({ id: uuidParam, position: z.coerce.number().int().min(1).max(MAX_ITEMS) }),
        body: apiBody(z.object({ title: z.string(), description: z.string().optional(), decision: z.string().nullable().optional() })),
        response: { 200: itemOut, 201: itemOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await saveMeetingItem(ctx, request.params.id, request.params.position, request.body, 'put');
      const items = await meetingItems(ctx.db, request.params.id);
      const item = items.find((i) => i.position === r.position)!;
      return reply.status(r.created ? 201 : 200).send({ position: item.position, title: item.title, description: item.description, decision: item.decision });
    },
  );

  // A file up to MAX_MEETING_FILE_BYTES with its name: parsed by this scope's own multipart parser.
  root.register(async (scope) => {
    registerMeetingFileParser(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/governance/meetings/:id/files',
      {
        schema: {
          tags,
          summary: 'Læg en dagsorden, et referat eller et bilag på et møde (multipart)',
          description:
            `Felterne \`kind\` (dagsorden, referat eller bilag) og \`file\`: en PDF eller et Word-dokument (.docx), højst ${MAX_MEETING_FILE_MB} MB; typen læses af indholdet. ` +
            `Den samme fil med samme navn og slags igen ændrer intet (200); det samme indhold under et andet navn eller en anden slags afvises (409). ${secretariat}`,
          consumes: ['multipart/form-data'],
          params: z.object({ id: uuidParam }),
          response: { 200: fileOut, 201: fileOut, ...errorResponses },
        },
      },
      async (request, reply) => {
        const ctx = actorCtx(request);
        const r = await uploadMeetingFile(ctx, request.params.id, meetingFileUploadFrom(request.body));
        const f = (await meetingFiles(ctx.db, request.params.id)).find((x) => x.id === r.id)!;
        return reply.status(r.created ? 201 : 200).send(presentFile(request.params.id, f));
      },
    );
  });
}
