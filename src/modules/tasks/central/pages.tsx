import { noticeFor } from '../../../platform/views/components.tsx';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { isCentral } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { getMunicipality } from '../../organisations/index.ts';
import { AUTHOR_NOTICES } from '../author/views/shared.tsx';
import { dashboard, municipalityTasks, parseTaskListFilters, taskOverview } from './queries.ts';
import { DashboardPage } from './views/dashboard.tsx';
import { MunicipalityTasksPage } from './views/municipality-tasks.tsx';
import { TaskOverviewPage } from './views/task-overview.tsx';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { codeParams, idParams, pageNumber, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { buildTaskOverviewExport, CONTENT_TYPES, EXPORT_FORMATS, taskOverviewFilename } from './export-overview.ts';
import { loadTask } from '../load-task.ts';
import { canAuthor } from '../policy.ts';
import { project } from '../schema.ts';

const missingQuery = pageQuery({ mangler: queryText });
const wantsMissing = (query: { mangler?: string }) => ['1', 'true', 'ja'].includes((query.mangler ?? '').toLowerCase());

/**
 * A task's overview shows every municipality's status, which no municipality may see: for municipal
 * users the task does not exist here (404), even when it is addressed to them.
 */
async function centralTask(request: FastifyRequest, id: string) {
  const ctx = actorCtx(request);
  if (!isCentral(ctx.actor)) throw notFound('Opgaven findes ikke.');
  const t = await loadTask(ctx.db, ctx.actor, id, 'read');
  return { ctx, t };
}

async function projectName(db: Db, projectId: string | null) {
  if (!projectId) return null;
  const [row] = await db.select({ name: project.name }).from(project).where(eq(project.id, projectId));
  return row?.name ?? null;
}

function sendFile(reply: FastifyReply, format: keyof typeof CONTENT_TYPES, filename: string, body: Buffer) {
  return (
    reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      // Names of responsible people and the municipalities' answers: no shared cache may keep a copy.
      .header('cache-control', 'private, no-store')
      .send(body)
  );
}

/** The joint organisation's side of tasks: dashboard, a task's overview and export, a municipality's tasks. */
export function registerCentralPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/overblik', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    if (!isCentral(ctx.actor)) throw forbidden('Overblikket over opgaver på tværs af kommuner er forbeholdt KOMBIT.');
    const filters = parseTaskListFilters(request.query, ctx.actor);
    const data = await dashboard(ctx.db, ctx.actor, filters, ctx.now);
    return sendPage(reply, <DashboardPage request={request} data={data} filters={filters} canAuthor={canAuthor(ctx.actor)} />);
  });

  app.get('/opgaver/:id/overblik', { schema: { params: idParams, querystring: missingQuery } }, async (request, reply) => {
    const { ctx, t } = await centralTask(request, request.params.id);
    const overview = await taskOverview(ctx.db, t, ctx.now);
    const page = (
      <TaskOverviewPage
        request={request}
        task={t}
        projectName={await projectName(ctx.db, t.projectId)}
        overview={overview}
        missingOnly={wantsMissing(request.query)}
        now={ctx.now}
        canAuthor={canAuthor(ctx.actor)}
        notice={noticeFor(AUTHOR_NOTICES, request.query.besked)}
      />
    );
    return sendPage(reply, page);
  });

  for (const format of EXPORT_FORMATS) {
    app.get(`/opgaver/:id/eksport.${format}`, { schema: { params: idParams, querystring: missingQuery } }, async (request, reply) => {
      const { ctx, t } = await centralTask(request, request.params.id);
      const missingOnly = wantsMissing(request.query);
      const overview = await taskOverview(ctx.db, t, ctx.now);
      const rows = missingOnly ? overview.rows.filter((r) => r.missing) : overview.rows;
      return sendFile(reply, format, taskOverviewFilename(t.code, missingOnly, format), await buildTaskOverviewExport(format, overview.columns, rows));
    });
  }

  app.get('/kommuner/:code/opgaver', { schema: { params: codeParams, querystring: pageQuery({ side: pageNumber, mangler: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    if (!isCentral(ctx.actor)) {
      // A municipality's own tasks live on its own task list; another municipality's do not exist for it.
      if (ctx.actor.municipalityCode === code) return reply.redirect('/opgaver', 303);
      throw notFound();
    }
    const m = await getMunicipality(ctx.db, code);
    if (!m) throw notFound();
    const page = request.query.side;
    const missingOnly = wantsMissing(request.query);
    const data = await municipalityTasks(ctx.db, ctx.actor, m.code, { page, missingOnly }, ctx.now);
    return sendPage(reply, <MunicipalityTasksPage request={request} municipality={m} data={data} page={page} missingOnly={missingOnly} />);
  });
}
