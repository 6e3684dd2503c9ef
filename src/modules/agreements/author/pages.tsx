import { noticeFor } from '../../../platform/views/components.tsx';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCentral, isCentralEditor } from '../../../platform/context.ts';
import { AppError, conflict, type FieldErrors } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { danishDay } from '../../../platform/views/format.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formBody, idParams, isUuid, pageQuery, queryText, uploadBody, uuidParam } from '../../../platform/http/page-schemas.ts';
import { addVersion } from './add-version.ts';
import { agreementReference, authorizeAgreementAuthoring, getAgreementDetail, listAgreements, type AgreementDetail } from '../agreement-queries.ts';
import { AGREEMENT_NOTICES, AgreementListPage, NewAgreementPage, NewVersionPage, type FormValues } from './views.tsx';
import { closeAgreement, reopenAgreement } from './close-agreement.ts';
import { createAgreement } from './create-agreement.ts';
import { AgreementDetailPage } from './detail-views.tsx';
import { dispatchAgreement } from './dispatch-agreement.ts';
import { DispatchPage } from './dispatch-views.tsx';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { readAgreementFile } from './download-file.ts';
import { loadAgreement } from '../load-agreement.ts';
import { renderMunicipalAgreement, renderMunicipalAgreementList } from '../municipal/pages.tsx';
import { registerVersionUploadParser } from './parse-version-upload.ts';
import { agreementTypes } from '../schema.ts';

/** 422 and 409 come back as the same page with the user's input and a Danish error summary. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { _: e.message });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The agreement with everything the central pages show; the policy is checked first. */
async function detailFor(request: FastifyRequest, id: string, action: 'read' | 'manage'): Promise<AgreementDetail> {
  const ctx = actorCtx(request);
  await loadAgreement(ctx.db, ctx.actor, id, action);
  const detail = await getAgreementDetail(ctx.db, ctx.actor, id);
  if (!detail) throw new AppError(404, 'not_found', 'Aftalen findes ikke.');
  return detail;
}

function detailNotice(besked: string | undefined, a: AgreementDetail): string | undefined {
  if (besked === 'udsendt' && a.latestDispatch) {
    const d = a.latestDispatch;
    return `Aftalen er udsendt til ${plural(d.municipalities, 'kommune', 'kommuner')}, og ${plural(d.recipients, 'modtager', 'modtagere')} har fået en mail.`;
  }
  return besked ? noticeFor(AGREEMENT_NOTICES, besked) : undefined;
}

async function newAgreementPage(request: FastifyRequest, reply: FastifyReply, opts: { values: FormValues; errors?: FieldErrors; status?: number }) {
  const ctx = actorCtx(request);
  const ref = await agreementReference(ctx.db);
  return sendPage(reply, <NewAgreementPage request={request} ref={ref} values={opts.values} errors={opts.errors} />, opts.status ?? 200);
}

async function newVersionPage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { values?: FormValues; errors?: FieldErrors; status?: number } = {}) {
  const a = await detailFor(request, id, 'manage');
  if (a.status === 'closed') throw conflict('Aftalen er lukket; der kan ikke lægges nye versioner op.');
  return sendPage(reply, <NewVersionPage request={request} agreement={a} values={opts.values ?? {}} errors={opts.errors} />, opts.status ?? 200);
}

async function dispatchPage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  opts: { values?: FormValues; errors?: FieldErrors; status?: number; besked?: string } = {},
) {
  const ctx = actorCtx(request);
  const a = await detailFor(request, id, 'manage');
  if (a.status === 'closed') throw conflict('Aftalen er lukket og kan ikke udsendes.');
  const ref = await agreementReference(ctx.db);
  const today = danishDay(ctx.now);
  const defaults: FormValues = {
    roleKey: a.audienceRoleKey ?? 'programleder',
    solutionKey: a.audienceSolutionKey ?? '',
    ccRoleKey: a.ccRoleKey ?? '',
    deadline: a.deadline && a.deadline >= today ? a.deadline : '',
    // Once sent, the usual next dispatch is to those still missing (?omfang=mangler after a new version).
    scope: a.status === 'sent' ? 'outstanding' : 'all',
  };
  const values = { ...defaults, ...opts.values };
  // A failed attempt sent nothing, so its key may be used again; a fresh page gets a fresh key.
  const key = typeof values.requestKey === 'string' && isUuid(values.requestKey) ? values.requestKey : randomUUID();
  let notice: string | undefined;
  const current = a.versions.find((v) => v.current);
  if (!opts.errors && opts.besked === 'ny-version' && current) {
    notice = current.requiresResign
      ? `Version ${current.number} er lagt op. ${plural(a.supersededByCurrent, 'kommune', 'kommuner')} skal underskrive igen. Send den nye version til de kommuner, der mangler at underskrive.`
      : `Version ${current.number} er lagt op. Den kræver ikke ny underskrift; underskrifter af tidligere versioner gælder fortsat.`;
  }
  return sendPage(
    reply,
    <DispatchPage request={request} agreement={a} ref={ref} values={{ ...values, requestKey: key }} errors={opts.errors} notice={notice} />,
    opts.status ?? 200,
  );
}

/** The central pages for agreements: list, create, a new version, dispatch, detail and file downloads. */
export function registerAgreementAuthorPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/aftaler', async (request, reply) => {
    const ctx = actorCtx(request);
    if (!isCentral(ctx.actor)) return renderMunicipalAgreementList(request, reply);
    const agreements = await listAgreements(ctx.db, ctx.actor);
    return sendPage(reply, <AgreementListPage request={request} agreements={agreements} canAuthor={isCentralEditor(ctx.actor)} />);
  });

  app.get('/aftaler/ny', { schema: { querystring: pageQuery({ type: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAgreementAuthoring(ctx.actor);
    const type = request.query.type ?? '';
    const values: FormValues = { type: (agreementTypes as readonly string[]).includes(type) ? type : '' };
    if (type === 'k98') values.solutions = (await agreementReference(ctx.db)).solutions.filter((s) => s.k98).map((s) => s.key);
    return newAgreementPage(request, reply, { values });
  });

  app.get('/aftaler/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    if (!isCentral(ctx.actor)) return renderMunicipalAgreement(request, reply, id, request.query.besked);
    const a = await detailFor(request, id, 'read');
    const notice = detailNotice(request.query.besked, a);
    return sendPage(reply, <AgreementDetailPage request={request} agreement={a} canManage={isCentralEditor(ctx.actor)} notice={notice} />);
  });

  app.get('/aftaler/:id/versioner/ny', { schema: { params: idParams } }, async (request, reply) => newVersionPage(request, reply, request.params.id));

  app.get('/aftaler/:id/udsend', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) =>
    dispatchPage(request, reply, request.params.id, { besked: request.query.besked }),
  );

  app.post('/aftaler/:id/udsend', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const body = request.body;
    try {
      const r = await dispatchAgreement(ctx, id, body);
      return reply.redirect(`/aftaler/${id}?besked=${r.alreadySent ? 'allerede-udsendt' : 'udsendt'}`, 303);
    } catch (error) {
      const e = formError(error);
      return dispatchPage(request, reply, id, { values: body, errors: errorsOf(e), status: e.status });
    }
  });

  const closing = (path: string, run: typeof closeAgreement, besked: string) =>
    app.post(`/aftaler/:id/${path}`, { schema: { params: idParams, body: formBody } }, async (request, reply) => {
      const { id } = request.params;
      const r = await run(actorCtx(request), id);
      return reply.redirect(`/aftaler/${id}?besked=${r.changed ? besked : 'uaendret'}`, 303);
    });
  closing('luk', closeAgreement, 'lukket');
  closing('genaabn', reopenAgreement, 'genaabnet');

  app.get('/aftaler/:id/filer/:fileId', { schema: { params: idParams.extend({ fileId: uuidParam }) } }, async (request, reply) => {
    const { id, fileId } = request.params;
    return sendDownload(reply, await readAgreementFile(actorCtx(request), id, fileId));
  });

  // Uploads parse multipart themselves (a document and several annexes, with their names).
  app.register(async (parent) => {
    registerVersionUploadParser(parent);
    const scope = parent.withTypeProvider<ZodTypeProvider>();

    scope.post('/aftaler/ny', { schema: { body: uploadBody } }, async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeAgreementAuthoring(ctx.actor);
      try {
        const { id } = await createAgreement(ctx, request.body);
        return reply.redirect(`/aftaler/${id}?besked=oprettet`, 303);
      } catch (error) {
        const e = formError(error);
        return newAgreementPage(request, reply, { values: request.body, errors: errorsOf(e), status: e.status });
      }
    });

    scope.post('/aftaler/:id/versioner/ny', { schema: { params: idParams, body: uploadBody } }, async (request, reply) => {
      const ctx = actorCtx(request);
      const { id } = request.params;
      try {
        const r = await addVersion(ctx, id, request.body);
        const a = await loadAgreement(ctx.db, ctx.actor, id, 'manage');
        if (!r.created) return reply.redirect(`/aftaler/${id}?besked=version-uaendret`, 303);
        // Sent before: the municipalities must have the new version, so go straight to dispatching it.
        if (a.status === 'sent') return reply.redirect(`/aftaler/${id}/udsend?omfang=mangler&besked=ny-version`, 303);
        return reply.redirect(`/aftaler/${id}?besked=version`, 303);
      } catch (error) {
        const e = formError(error);
        return newVersionPage(request, reply, id, { values: request.body, errors: errorsOf(e), status: e.status });
      }
    });
  });
}
