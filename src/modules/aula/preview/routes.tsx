import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { danishDay } from '../../../platform/days.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { codeParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { CONTENT_TYPES, EXPORT_FORMATS } from '../../../platform/spreadsheet/formats.ts';
import { formatDeadline } from '../../../platform/views/format.ts';
import { authorizeAulaMunicipality } from '../policy.ts';
import { registerPreviewApi } from './api.ts';
import { atRiskFiles } from './at-risk-files.ts';
import { buildJournalisationList, journalisationListFilename } from './journalisation-list.ts';
import { loadPreviewPage } from './load-preview-page.ts';
import { municipalityName, pageDay } from './preview-day.ts';
import { PreviewPage } from './preview-page.tsx';

const dayQuery = pageQuery({ dato: queryText });

/** The policy first, so another municipality's code is a 404 whether or not it exists; then the name. */
async function readableMunicipality(request: FastifyRequest, code: string) {
  const ctx = actorCtx(request);
  authorizeAulaMunicipality(ctx.actor, code, 'read');
  const name = await municipalityName(ctx.db, code);
  if (name === null) throw notFound('Kommunen findes ikke.');
  return { ctx, name };
}

/** The deletion preview's page, its journaliseringsliste (XLSX, CSV) and the preview API (issue #12 points 4 and 6). */
export function registerPreviewRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/aula/kommuner/:code/sletning', { schema: { params: codeParams, querystring: dayQuery } }, async (request, reply) => {
    const { code } = request.params;
    const { ctx, name } = await readableMunicipality(request, code);
    const today = danishDay(ctx.now);
    const asked = pageDay(request.query.dato, today);
    if ('error' in asked) {
      return sendPage(reply, <PreviewPage request={request} code={code} name={name} typed={request.query.dato ?? ''} error={asked.error} data={null} />, 422);
    }
    const data = await loadPreviewPage(ctx.db, ctx.actor, code, asked.day);
    const typed = request.query.dato?.trim() ? request.query.dato : formatDeadline(asked.day);
    return sendPage(reply, <PreviewPage request={request} code={code} name={name} typed={typed} data={data} />);
  });

  for (const format of EXPORT_FORMATS) {
    app.get(`/aula/kommuner/:code/journaliseringsliste.${format}`, { schema: { params: codeParams, querystring: dayQuery } }, async (request, reply) => {
      const { code } = request.params;
      const { ctx, name } = await readableMunicipality(request, code);
      const asked = pageDay(request.query.dato, danishDay(ctx.now));
      if ('error' in asked) throw invalid({ dato: asked.error }, asked.error);
      const files = await atRiskFiles(ctx.db, ctx.actor, asked.day, code);
      return sendDownload(reply, {
        filename: journalisationListFilename(name, asked.day, format),
        // sendDownload knows text/csv without parameters; the file's BOM tells Excel it is UTF-8.
        contentType: format === 'csv' ? 'text/csv' : CONTENT_TYPES.xlsx,
        content: await buildJournalisationList(format, files),
      });
    });
  }

  registerPreviewApi(root);
}
