import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../platform/errors.ts';
import { apiBody, errorResponses, iso, uuidParam } from '../../platform/http/api-schemas.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { addMeasure } from './add-measure.ts';
import { addRcaItem } from './add-rca-item.ts';
import { changeMeasure, measureNotFound } from './change-measure.ts';
import { changeRcaState, rcaNotFound } from './change-rca-state.ts';
import { meets, parseRange, type SlaInput } from './inputs.ts';
import { loadMeasures, loadOperations, loadRcaItems, MAX_MONTHS, openIncidents, rangeFor, type IncidentRow, type MeasureRow, type RcaRow } from './load-operations.ts';
import { authorizeOperations } from './policy.ts';
import { recordIncident } from './record-incident.ts';
import { incidentNotFound, resolveIncident } from './resolve-incident.ts';
import { saveSla } from './save-sla.ts';
import { incidentSeverities, measureStates, rcaStates } from './schema.ts';

const tags = ['Drift'];
const EDITORS = 'Kun KOMBITs administratorer, konsulenter og drift (ellers 403). ';
const ONCE = 'Samme Idempotency-Key og indhold igen (eller samme indhold inden for få sekunder) gemmer intet nyt og svarer 200 med det første. ';
const ym = (month: string) => month.slice(0, 7);
const idParams = z.object({ id: uuidParam });

const slaOut = z
  .object({
    solutionKey: z.string(),
    solutionName: z.string(),
    month: z.string().describe('ÅÅÅÅ-MM'),
    measure: z.string(),
    unit: z.string(),
    target: z.number(),
    achieved: z.number().nullable().describe('null, så længe måneden ikke er opgjort'),
    higherIsBetter: z.boolean(),
    met: z.boolean().nullable().describe('Om målet er opfyldt; null uden opnået værdi'),
    note: z.string(),
  })
  .meta({ id: 'OperationsSla' });
const incidentOut = z
  .object({
    id: z.string(),
    solutionKey: z.string(),
    title: z.string(),
    description: z.string(),
    severity: z.enum(incidentSeverities),
    startedAt: z.string().describe('ISO 8601'),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'OperationsIncident' });
const rcaOut = z
  .object({ id: z.string(), solutionKey: z.string().nullable(), title: z.string(), owner: z.string(), state: z.enum(rcaStates), dueOn: z.string().nullable(), closedOn: z.string().nullable() })
  .meta({ id: 'OperationsRcaItem' });
const measureOut = z
  .object({
    id: z.string(),
    solutionKey: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    owner: z.string(),
    state: z.enum(measureStates),
    endMonth: z.string().nullable().describe('ÅÅÅÅ-MM'),
  })
  .meta({ id: 'OperationsMeasure' });
const count = z.number().int();
const operationsOut = z
  .object({
    from: z.string().describe('ÅÅÅÅ-MM'),
    to: z.string().describe('ÅÅÅÅ-MM'),
    months: z.array(z.string()),
    sla: z.array(slaOut),
    incidents: z.array(incidentOut).describe('Begyndt i perioden, nyeste først, højst 50'),
    incidentsTotal: count,
    rcaItems: z.array(rcaOut),
    measures: z.array(measureOut),
    summary: z.object({
      latestMonth: z.string().nullable().describe('Den seneste måned med opgjorte tal, ÅÅÅÅ-MM'),
      solutionsMet: count.describe('Løsninger, der opfyldte alle deres mål i den seneste måned'),
      solutionsReported: count,
      rcaTotal: count,
      rcaOpen: count.describe('Åbne og i gang'),
      rcaByState: z.object({ aaben: count, i_gang: count, lukket: count }),
      measuresByState: z.object({ planlagt: count, i_gang: count, gennemfoert: count }),
      monthly: z.array(z.object({ month: z.string(), met: count, missed: count, reported: count })).describe('Det samme som diagrammet og dets tabel på /drift'),
    }),
  })
  .meta({ id: 'Operations' });

const toIncident = (i: IncidentRow) => ({ id: i.id, solutionKey: i.solutionKey, title: i.title, description: i.description, severity: i.severity, startedAt: iso(i.startedAt)!, resolvedAt: iso(i.resolvedAt) });
const toRca = (r: RcaRow) => ({ id: r.id, solutionKey: r.solutionKey, title: r.title, owner: r.owner, state: r.state, dueOn: r.dueOn, closedOn: r.closedOn });
const toMeasure = (m: MeasureRow) => ({ id: m.id, solutionKey: m.solutionKey, title: m.title, description: m.description, owner: m.owner, state: m.state, endMonth: m.endMonth ? ym(m.endMonth) : null });

/** Operations as JSON: everyone signed in reads; the editors write through the pages' use cases. */
export function registerOperationsApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/operations',
    {
      schema: {
        tags,
        summary: 'Driftsstabilitet: SLA pr. løsning og måned, hændelser, RCA-opfølgningspunkter og tiltag',
        description: `Standard er de 12 måneder før den indeværende; højst ${String(MAX_MONTHS)} måneder. Siden /drift viser det samme.`,
        querystring: z.object({ from: z.string().max(20).optional().describe('ÅÅÅÅ-MM'), to: z.string().max(20).optional().describe('ÅÅÅÅ-MM') }),
        response: { 200: operationsOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeOperations(ctx.actor, 'read');
      const range = parseRange(request.query.from, request.query.to, rangeFor(ctx.now), MAX_MONTHS);
      if (Object.keys(range.errors).length > 0) throw invalid(range.errors, 'Perioden kunne ikke læses.');
      const ops = await loadOperations(ctx.db, range.from, range.to);
      return {
        from: ym(ops.from),
        to: ym(ops.to),
        months: ops.months.map(ym),
        sla: ops.sla.map((r) => ({ ...r, month: ym(r.month) })),
        incidents: ops.incidents.map(toIncident),
        incidentsTotal: ops.incidentsTotal,
        rcaItems: ops.rcaItems.map(toRca),
        measures: ops.measures.map(toMeasure),
        summary: { ...ops.summary, latestMonth: ops.summary.latestMonth ? ym(ops.summary.latestMonth) : null, monthly: ops.tally.map((t) => ({ ...t, month: ym(t.month) })) },
      };
    },
  );

  app.put(
    '/api/v1/operations/sla',
    {
      schema: {
        tags,
        summary: 'Registrér eller ret SLA for en løsning, måned og et mål',
        description: `${EDITORS}201 når tallet er nyt, 200 når det rettes; de samme værdier igen ændrer intet. Procenter (unit %) skal være mellem 0 og 100.`,
        body: apiBody(
          z.object({
            solutionKey: z.string(),
            month: z.string().describe('ÅÅÅÅ-MM eller mm.åååå'),
            measure: z.string().optional().describe('Standard: Oppetid'),
            unit: z.string().optional().describe('Standard: %'),
            target: z.number(),
            achieved: z.number().nullable().optional(),
            higherIsBetter: z.boolean().optional().describe('Standard: true (oppetid); false for fx svartider'),
            note: z.string().optional(),
          }),
        ),
        response: { 200: slaOut, 201: slaOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { input, solutionName, created } = await saveSla(ctx, request.body);
      return reply.status(created ? 201 : 200).send(slaAnswer(input, solutionName));
    },
  );

  app.post(
    '/api/v1/operations/incidents',
    {
      schema: {
        tags,
        summary: 'Registrér en driftshændelse',
        description: EDITORS + ONCE,
        body: apiBody(
          z.object({
            solutionKey: z.string(),
            title: z.string(),
            description: z.string().optional(),
            severity: z.enum(incidentSeverities),
            startedOn: z.string().describe('ÅÅÅÅ-MM-DD'),
            startedTime: z.string().optional().describe('tt.mm, dansk tid; standard 00.00'),
          }),
        ),
        response: { 200: incidentOut, 201: incidentOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id, created } = await recordIncident(ctx, request.body, clientKeyOf(request));
      const [row] = await openIncidents(ctx.db, id);
      if (!row) throw incidentNotFound();
      return reply.status(created ? 201 : 200).send(toIncident(row));
    },
  );

  app.put(
    '/api/v1/operations/incidents/:id/resolved',
    { schema: { tags, summary: 'Markér en hændelse som løst nu', description: `${EDITORS}En hændelse, der allerede er løst, beholder sit tidspunkt.`, params: idParams, response: { 200: incidentOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await resolveIncident(ctx, request.params.id);
      const [row] = await openIncidents(ctx.db, request.params.id);
      if (!row) throw incidentNotFound();
      return toIncident(row);
    },
  );

  app.post(
    '/api/v1/operations/rca-items',
    {
      schema: {
        tags,
        summary: 'Tilføj et RCA-opfølgningspunkt',
        description: EDITORS + ONCE,
        body: apiBody(
          z.object({
            title: z.string(),
            owner: z.string().describe('Fx KMD eller KOMBIT'),
            solutionKey: z.string().nullable().optional(),
            state: z.enum(rcaStates).optional(),
            dueOn: z.string().nullable().optional().describe('ÅÅÅÅ-MM-DD'),
          }),
        ),
        response: { 200: rcaOut, 201: rcaOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id, created } = await addRcaItem(ctx, request.body, clientKeyOf(request));
      const [row] = await loadRcaItems(ctx.db, id);
      if (!row) throw rcaNotFound();
      return reply.status(created ? 201 : 200).send(toRca(row));
    },
  );

  app.put(
    '/api/v1/operations/rca-items/:id/state',
    {
      schema: {
        tags,
        summary: 'Skift et RCA-opfølgningspunkts tilstand',
        description: `${EDITORS}Lukket sætter closedOn til i dag; genåbnet fjernes den. Samme tilstand igen ændrer intet.`,
        params: idParams,
        body: apiBody(z.object({ state: z.enum(rcaStates) })),
        response: { 200: rcaOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await changeRcaState(ctx, request.params.id, request.body);
      const [row] = await loadRcaItems(ctx.db, request.params.id);
      if (!row) throw rcaNotFound();
      return toRca(row);
    },
  );

  app.post(
    '/api/v1/operations/measures',
    {
      schema: {
        tags,
        summary: 'Tilføj et tiltag',
        description: EDITORS + ONCE,
        body: apiBody(
          z.object({
            title: z.string(),
            description: z.string().optional(),
            owner: z.string(),
            solutionKey: z.string().nullable().optional(),
            state: z.enum(measureStates).optional(),
            endMonth: z.string().nullable().optional().describe('ÅÅÅÅ-MM'),
          }),
        ),
        response: { 200: measureOut, 201: measureOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const { id, created } = await addMeasure(ctx, request.body, clientKeyOf(request));
      const [row] = await loadMeasures(ctx.db, id);
      if (!row) throw measureNotFound();
      return reply.status(created ? 201 : 200).send(toMeasure(row));
    },
  );

  app.put(
    '/api/v1/operations/measures/:id',
    {
      schema: {
        tags,
        summary: 'Sæt et tiltags tilstand og slutmåned',
        description: `${EDITORS}De samme værdier igen ændrer intet.`,
        params: idParams,
        body: apiBody(z.object({ state: z.enum(measureStates), endMonth: z.string().nullable().optional().describe('ÅÅÅÅ-MM') })),
        response: { 200: measureOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await changeMeasure(ctx, request.params.id, request.body);
      const [row] = await loadMeasures(ctx.db, request.params.id);
      if (!row) throw measureNotFound();
      return toMeasure(row);
    },
  );
}

const slaAnswer = (input: SlaInput, solutionName: string) => ({
  solutionKey: input.solutionKey,
  solutionName,
  month: ym(input.month),
  measure: input.measure,
  unit: input.unit,
  target: input.target,
  achieved: input.achieved,
  higherIsBetter: input.higherIsBetter,
  met: meets(input),
  note: input.note,
});
