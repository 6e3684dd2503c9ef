import { deadlineChangeOut } from '../api-shapes.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { errorResponses, iso, municipalityCodeParam, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { getMunicipality } from '../../organisations/index.ts';
import {
  listTasks,
  missingSentence,
  municipalityTasks,
  PAGE_SIZE,
  parseTaskListFilters,
  taskOverview,
  type OverviewRow,
  type TargetCounts,
} from './queries.ts';
import { loadTask } from '../load-task.ts';
import { answerKinds, targetStatuses, taskStatuses } from '../schema.ts';

const countsOut = z
  .object({
    addressed: z.number(),
    ikke_startet: z.number(),
    i_gang: z.number(),
    loest: z.number(),
    ikke_relevant: z.number(),
    missing: z.number().describe('Hverken løst eller ikke relevant'),
  })
  .meta({ id: 'TaskTargetCounts' });

const taskListItemOut = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    status: z.enum(taskStatuses),
    deadline: z.string().describe('yyyy-mm-dd, sidste dag i tide'),
    critical: z.boolean(),
    crossCutting: z.boolean(),
    optional: z.boolean(),
    projectId: z.string().nullable(),
    projectName: z.string().nullable(),
    solutionKey: z.string().nullable(),
    counts: countsOut,
    overdue: z.boolean().describe('Fristen er overskredet, og mindst én kommune mangler'),
  })
  .meta({ id: 'TaskListItem' });

const personOut = z.object({ id: z.string(), name: z.string(), email: z.string(), phone: z.string() }).nullable();

const overviewRowOut = z
  .object({
    municipalityCode: z.string(),
    municipalityName: z.string(),
    status: z.enum(targetStatuses),
    overdue: z.boolean(),
    missing: z.boolean(),
    responsible: personOut,
    lastActivityAt: z.string().nullable(),
    solvedAt: z.string().nullable(),
    notRelevantReason: z.string().nullable(),
    answers: z.array(
      z.object({
        stepId: z.string(),
        value: z.string().nullable(),
        text: z.string().describe('Som i overblikket: værdien, Ja/Nej, filnavnet eller ✓'),
        completed: z.boolean(),
        fileId: z.string().nullable(),
        filename: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'TaskOverviewRow' });

const listQuery = z.object({
  status: z.enum(taskStatuses).optional(),
  project: uuidParam.optional(),
  solution: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

const presentCounts = (c: TargetCounts) => ({ ...c });

function presentRow(r: OverviewRow) {
  return {
    municipalityCode: r.code,
    municipalityName: r.name,
    status: r.status,
    overdue: r.overdue,
    missing: r.missing,
    responsible: r.responsible,
    lastActivityAt: iso(r.lastActivityAt),
    solvedAt: iso(r.solvedAt),
    notRelevantReason: r.notRelevantReason,
    answers: Object.entries(r.answers).map(([stepId, a]) => ({ stepId, value: a.value, text: a.text, completed: a.completed, fileId: a.fileId, filename: a.filename })),
  };
}

export function registerCentralApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Opgaver'];

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: 'Opgaver med optælling pr. status (kun KOMBIT)',
        description: `Filtrér på status, projekt, løsning og tekst i kode/titel; ${PAGE_SIZE} pr. side. Kladder vises kun for forfattere.`,
        querystring: listQuery,
        response: {
          200: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), tasks: z.array(taskListItemOut) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      if (!isCentral(ctx.actor)) throw forbidden('Oversigten over opgaver på tværs af kommuner er forbeholdt KOMBIT.');
      const f = parseTaskListFilters(request.query, ctx.actor);
      const { tasks, total } = await listTasks(ctx.db, ctx.actor, f, ctx.now);
      return { page: f.page, pageSize: PAGE_SIZE, total, tasks: tasks.map((t) => ({ ...t, counts: presentCounts(t.counts) })) };
    },
  );

  app.get(
    '/api/v1/tasks/:id/overview',
    {
      schema: {
        tags,
        summary: 'En opgaves overblik: alle adresserede kommuner med status og svar (kun KOMBIT)',
        description: 'Med `missing=true` kun kommuner, der hverken har løst opgaven eller meldt den ikke relevant.',
        params: z.object({ id: uuidParam }),
        querystring: z.object({ missing: z.enum(['true', 'false']).optional() }),
        response: {
          200: z
            .object({
              task: z.object({ id: z.string(), code: z.string(), title: z.string(), status: z.enum(taskStatuses), deadline: z.string() }),
              steps: z.array(z.object({ id: z.string(), position: z.number(), header: z.string(), answerKind: z.enum(answerKinds) })),
              counts: countsOut,
              missingSentence: z.string().describe('"Pr. 26. maj 2025 mangler 3 kommuner at løse opgaven: Brøndby, Faxe og Norddjurs"'),
              deadlineChanges: z.array(
                deadlineChangeOut.extend({ changedBy: z.string().nullable() }),
              ),
              rows: z.array(overviewRowOut),
            })
            .meta({ id: 'TaskOverview' }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      // Other municipalities' status is not for municipal users: the overview does not exist for them.
      if (!isCentral(ctx.actor)) throw notFound('Opgaven findes ikke.');
      const t = await loadTask(ctx.db, ctx.actor, request.params.id, 'read');
      const o = await taskOverview(ctx.db, t, ctx.now);
      const missing = o.rows.filter((r) => r.missing);
      const rows = request.query.missing === 'true' ? missing : o.rows;
      return {
        task: { id: t.id, code: t.code, title: t.title, status: t.status, deadline: t.deadline },
        steps: o.columns.map((c) => ({ id: c.stepId, position: c.position, header: c.header, answerKind: c.kind })),
        counts: o.counts,
        missingSentence: missingSentence(
          ctx.now,
          missing.map((r) => r.name),
        ),
        deadlineChanges: o.deadlineChanges.map((c) => ({ ...c, changedAt: iso(c.changedAt)! })),
        rows: rows.map(presentRow),
      };
    },
  );

  app.get(
    '/api/v1/municipalities/:code/tasks',
    {
      schema: {
        tags,
        summary: 'Opgaver sendt til en kommune, med kommunens status',
        description:
          'KOMBIT ser alle kommuners opgaver (aldrig deres lokale opgaver); en kommunes brugere kun egne opgaver, som de må se. ' +
          `Åbne opgaver først efter frist; ${PAGE_SIZE} pr. side.`,
        params: z.object({ code: municipalityCodeParam }),
        querystring: z.object({ missing: z.enum(['true', 'false']).optional(), page: z.coerce.number().int().min(1).max(10_000).optional() }),
        response: {
          200: z.object({
            municipality: z.object({ code: z.string(), name: z.string() }),
            summary: z.object({ all: z.number(), open: z.number(), missing: z.number(), overdue: z.number() }),
            page: z.number(),
            pageSize: z.number(),
            total: z.number(),
            tasks: z.array(
              z
                .object({
                  id: z.string(),
                  code: z.string(),
                  title: z.string(),
                  taskStatus: z.enum(taskStatuses),
                  deadline: z.string(),
                  critical: z.boolean(),
                  crossCutting: z.boolean(),
                  optional: z.boolean(),
                  local: z.boolean(),
                  projectName: z.string().nullable(),
                  status: z.enum(targetStatuses),
                  overdue: z.boolean(),
                  responsible: personOut,
                  lastActivityAt: z.string().nullable(),
                })
                .meta({ id: 'MunicipalityTask' }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      if (!isCentral(ctx.actor) && ctx.actor.municipalityCode !== code) throw notFound();
      const m = await getMunicipality(ctx.db, code);
      if (!m) throw notFound();
      const page = request.query.page ?? 1;
      const data = await municipalityTasks(ctx.db, ctx.actor, m.code, { page, missingOnly: request.query.missing === 'true' }, ctx.now);
      return {
        municipality: { code: m.code, name: m.name },
        summary: data.summary,
        page,
        pageSize: PAGE_SIZE,
        total: data.total,
        tasks: data.tasks.map((t) => ({ ...t, lastActivityAt: iso(t.lastActivityAt) })),
      };
    },
  );
}
