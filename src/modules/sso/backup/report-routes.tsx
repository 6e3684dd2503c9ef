import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { codeParams, formBody, municipalityCodeParam, pageQuery, queryText, uuidParam } from '../../../platform/http/page-schemas.ts';
import { fileSlug, sendDownload } from '../../../platform/http/send-download.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { BACKUP_OVERVIEW_PATH, backupReportPath } from '../paths.ts';
import { authorizeBackupOverview, authorizeManageLogins, backupReportScope } from '../policy.ts';
import { byValgThenName } from './group-missing.ts';
import { linkMitidByAdmin } from './link-mitid-by-admin.ts';
import { missingBackup } from './load-backup-state.ts';
import { loadOwnLink } from './load-own-link.ts';
import { EXPORT_LIMIT, loadOverview, loadReport, reportMunicipality } from './load-report.ts';
import { personInMunicipality } from './person-in-municipality.ts';
import { BACKUP_OVERVIEW_XLSX_PATH } from './routes-paths.ts';
import { backupWorkbook } from './export-backup.ts';
import { unlinkMitid } from './unlink-mitid.ts';
import { OverviewPage } from './views/overview-page.tsx';
import { ReportPage } from './views/report-page.tsx';
import { UnlinkPage } from './views/unlink-page.tsx';

const personParams = z.object({ code: municipalityCodeParam, id: uuidParam });

const reportNotices = {
  tilknyttet: 'MitID Erhverv er tilknyttet.',
  uaendret: 'Det MitID Erhverv var allerede tilknyttet. Intet er ændret.',
  fjernet: 'Tilknytningen er fjernet.',
  ingen: 'Der var ingen tilknytning at fjerne.',
} as const;

/** Who has no backup login (a municipality's and the 98's), as pages and XLSX; an administrator's link and unlink. */
export function registerReportRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/kommuner/:code/reservelogin', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const view = await loadReport(ctx.db, ctx.actor, request.params.code);
    return sendPage(reply, <ReportPage request={request} view={view} notice={noticeFor(reportNotices, request.query.besked)} />);
  });

  app.get('/kommuner/:code/reservelogin.xlsx', { schema: { params: codeParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const m = await reportMunicipality(ctx.db, ctx.actor, request.params.code);
    const people = await missingBackup(ctx.db, { code: m.code, scope: backupReportScope(ctx.actor) }, EXPORT_LIMIT);
    return sendDownload(reply, await backupWorkbook(`reservelogin-${m.code}-${fileSlug(m.name)}.xlsx`, people.sort(byValgThenName)));
  });

  app.post('/kommuner/:code/reservelogin/personer/:id/tilknyt', { schema: { params: personParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code, id } = request.params;
    try {
      const { created } = await linkMitidByAdmin(ctx, code, id, request.body);
      return reply.redirect(`${backupReportPath(code)}?besked=${created ? 'tilknyttet' : 'uaendret'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const view = await loadReport(ctx.db, ctx.actor, code);
      const message = error.fieldErrors.identifikator ?? error.message;
      const value = typeof request.body.identifikator === 'string' ? request.body.identifikator : '';
      return sendPage(reply, <ReportPage request={request} view={view} error={{ personId: id, message }} value={value} />, error.status);
    }
  });

  app.get('/kommuner/:code/reservelogin/personer/:id/fjern', { schema: { params: personParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code, id } = request.params;
    authorizeManageLogins(ctx.actor, code);
    const target = await personInMunicipality(ctx.db, id, code);
    const { mitid } = await loadOwnLink(ctx.db, target.personId);
    return sendPage(reply, <UnlinkPage request={request} code={code} personId={id} name={target.name} subject={mitid?.subject ?? null} />);
  });

  app.post('/kommuner/:code/reservelogin/personer/:id/fjern', { schema: { params: personParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code, id } = request.params;
    const { removed } = await unlinkMitid(ctx, code, id);
    return reply.redirect(`${backupReportPath(code)}?besked=${removed ? 'fjernet' : 'ingen'}`, 303);
  });

  app.get(BACKUP_OVERVIEW_PATH, { schema: { querystring: pageQuery({ loesning: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const view = await loadOverview(ctx.db, ctx.actor, request.query.loesning);
    return sendPage(reply, <OverviewPage request={request} view={view} />);
  });

  app.get(BACKUP_OVERVIEW_XLSX_PATH, { schema: { querystring: pageQuery({ loesning: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeBackupOverview(ctx.actor);
    const solutionKey = request.query.loesning && /^[a-z0-9-]{1,40}$/.test(request.query.loesning) ? request.query.loesning : undefined;
    const people = await missingBackup(ctx.db, { solutionKey, scope: backupReportScope(ctx.actor) }, EXPORT_LIMIT);
    return sendDownload(reply, await backupWorkbook(`reservelogin-alle-kommuner${solutionKey ? `-${solutionKey}` : ''}.xlsx`, people.sort(byValgThenName)));
  });
}
