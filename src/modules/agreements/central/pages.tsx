import { noticeFor } from '../../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCentral } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { authorizeCentralOverview } from '../../organisations/index.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBody, idParams, municipalityCodeParam, pageQuery, queryText, uuidParam } from '../../../platform/http/page-schemas.ts';
import { buildMatrixExport, buildStatusExport, statusFilename, XLSX_TYPE } from './export-status.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreementMatrix, agreementMatrixDetail, parseMatrixType } from './matrix-queries.ts';
import { MatrixPage } from './matrix-views.tsx';
import { MUNICIPALITY_NOTICES, MunicipalityAgreementPage, type MunicipalityPageState } from './municipality-views.tsx';
import { noteThread, signatureRecords, statusOverview } from './notes-queries.ts';
import { applyStatusFilter, outstandingText, parseStatusFilter } from '../outstanding-text.ts';
import { can } from '../policy.ts';
import { loadThreadAgreement, postNote } from './post-note.ts';
import { setDialogue } from './set-dialogue.ts';
import { StatusPage } from './views.tsx';

const threadParams = z.object({ id: uuidParam, code: municipalityCodeParam });
const statusQuery = pageQuery({ status: queryText });
const matrixQuery = pageQuery({ type: queryText });

/**
 * The status of every municipality is for central staff only: for municipal users the page does
 * not exist (404); they see their own municipality's page instead.
 */
async function centralAgreement(request: FastifyRequest, id: string) {
  const ctx = actorCtx(request);
  if (!isCentral(ctx.actor)) throw notFound('Aftalen findes ikke.');
  const a = await loadAgreement(ctx.db, ctx.actor, id, 'read');
  return { ctx, a };
}

function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  return (
    reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${filename}"`)
      // Signers' names and the notes: no shared cache may keep a copy.
      .header('cache-control', 'private, no-store')
      .send(body)
  );
}

/** A failed form on the municipality page is shown again with its errors (422/409); anything else is thrown on. */
function formFailure(error: unknown): { errors: Record<string, string>; status: number } | null {
  if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) return null;
  return { errors: Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message }, status: error.status };
}

/**
 * GET  /aftaler/:id/status[.xlsx]           every municipality's status and the outstanding list (central)
 * GET  /aftaler/:id/kommuner/:code          one municipality: status, signatures, notes, dialogue
 * POST /aftaler/:id/kommuner/:code/noter    add a note
 * POST /aftaler/:id/kommuner/:code/dialog   mark or unmark the dialogue (central editors)
 * GET  /aftaler/overblik[.xlsx]             the matrix of municipalities and agreements (central)
 */
export function registerAgreementStatusPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/aftaler/:id/status', { schema: { params: idParams, querystring: statusQuery } }, async (request, reply) => {
    const { ctx, a } = await centralAgreement(request, request.params.id);
    const filter = parseStatusFilter(request.query.status);
    const overview = await statusOverview(ctx.db, a.id);
    const page = (
      <StatusPage
        request={request}
        agreement={a}
        overview={{ ...overview, rows: applyStatusFilter(overview.rows, filter) }}
        filter={filter}
        outstanding={outstandingText(overview.rows, overview.organisationName)}
        canManage={can(ctx.actor, 'manage', a.facts)}
        today={danishDay(ctx.now)}
      />
    );
    return sendPage(reply, page);
  });

  app.get('/aftaler/:id/status.xlsx', { schema: { params: idParams, querystring: statusQuery } }, async (request, reply) => {
    const { ctx, a } = await centralAgreement(request, request.params.id);
    const filter = parseStatusFilter(request.query.status);
    const overview = await statusOverview(ctx.db, a.id);
    return sendXlsx(reply, statusFilename(a.title, filter), await buildStatusExport(applyStatusFilter(overview.rows, filter), filter));
  });

  const municipalityPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { id, code }: z.output<typeof threadParams>,
    state: MunicipalityPageState,
    opts: { status?: number; besked?: string } = {},
  ) => {
    const status = opts.status ?? 200;
    const ctx = actorCtx(request);
    const a = await loadThreadAgreement(ctx, id, code, 'read');
    const [overview, signatures, notes] = await Promise.all([statusOverview(ctx.db, a.id, code), signatureRecords(ctx.db, a.id, code), noteThread(ctx.db, a.id, code)]);
    const row = overview.rows[0] ?? null;
    const page = (
      <MunicipalityAgreementPage
        request={request}
        agreement={a}
        municipality={{ code, name: row?.municipalityName ?? code }}
        status={row}
        signatures={signatures}
        notes={notes}
        central={isCentral(ctx.actor)}
        canNote={can(ctx.actor, 'note', a.facts)}
        canManage={can(ctx.actor, 'manage', a.facts)}
        state={state}
        notice={status === 200 ? noticeFor(MUNICIPALITY_NOTICES, opts.besked) : undefined}
      />
    );
    return sendPage(reply, page, status);
  };

  app.get('/aftaler/:id/kommuner/:code', { schema: { params: threadParams, querystring: pageQuery({}) } }, (request, reply) =>
    municipalityPage(request, reply, request.params, {}, { besked: request.query.besked }),
  );

  app.post('/aftaler/:id/kommuner/:code/noter', { schema: { params: threadParams, body: formBody } }, async (request, reply) => {
    const { id, code } = request.params;
    let changed: boolean;
    try {
      changed = (await postNote(actorCtx(request), id, code, request.body)).changed;
    } catch (error) {
      const failed = formFailure(error);
      if (!failed) throw error;
      return municipalityPage(request, reply, request.params, { form: 'note', errors: failed.errors, values: request.body }, { status: failed.status });
    }
    return reply.redirect(`/aftaler/${id}/kommuner/${code}?besked=${changed ? 'note-tilfoejet' : 'note-findes'}#noter`, 303);
  });

  app.post('/aftaler/:id/kommuner/:code/dialog', { schema: { params: threadParams, body: formBody } }, async (request, reply) => {
    const { id, code } = request.params;
    let besked: string;
    try {
      const result = await setDialogue(actorCtx(request), id, code, request.body);
      besked = !result.changed ? 'dialog-uaendret' : result.inDialogue ? 'dialog-startet' : 'dialog-afsluttet';
    } catch (error) {
      const failed = formFailure(error);
      if (!failed) throw error;
      return municipalityPage(request, reply, request.params, { form: 'dialogue', errors: failed.errors, values: request.body }, { status: failed.status });
    }
    return reply.redirect(`/aftaler/${id}/kommuner/${code}?besked=${besked}`, 303);
  });

  app.get('/aftaler/overblik', { schema: { querystring: matrixQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeCentralOverview(ctx.actor);
    const matrix = await agreementMatrix(ctx.db, parseMatrixType(request.query.type));
    return sendPage(reply, <MatrixPage request={request} matrix={matrix} />);
  });

  app.get('/aftaler/overblik.xlsx', { schema: { querystring: matrixQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeCentralOverview(ctx.actor);
    const matrix = await agreementMatrixDetail(ctx.db, parseMatrixType(request.query.type));
    return sendXlsx(reply, `aftaler-overblik${matrix.type ? `-${matrix.type}` : ''}.xlsx`, await buildMatrixExport(matrix));
  });
}
