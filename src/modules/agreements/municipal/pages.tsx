import { noticeFor } from '../../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { rolePlural } from '../labels.ts';
import { loadAgreement } from '../load-agreement.ts';
import { MunicipalAgreementListPage } from './views/agreement-list.tsx';
import { MunicipalAgreementPage } from './views/agreement.tsx';
import { MUNICIPAL_NOTICES } from './views/shared.tsx';
import { type MunicipalPageState, uploadFieldKey } from './views/sign-forms.tsx';
import { registerSignatureUploadParser, signatureUploadFrom } from '../signing/parse-signature-upload.ts';
import { can } from '../policy.ts';
import { signAgreement } from '../signing/sign-agreement.ts';
import { municipalAgreements, municipalAgreementView } from '../signing/signature-queries.ts';
import { registerAgreementSignaturePages } from '../signing/signatures-pages.tsx';
import { uploadSignature } from '../signing/upload-signature.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formBody, idParams, uploadBody } from '../../../platform/http/page-schemas.ts';

type Body = Record<string, unknown>;

/** Failures a form redraws with the user's input; anything else becomes the error page. */
const FORM_STATUSES = [409, 413, 422, 429];

/** GET /aftaler for a municipal user: the agreements sent to their municipality. */
export async function renderMunicipalAgreementList(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const ctx = actorCtx(request);
  const code = ctx.actor.municipalityCode;
  if (!code) throw notFound();
  const rows = await municipalAgreements(ctx.db, code);
  return sendPage(reply, <MunicipalAgreementListPage request={request} rows={rows} today={danishDay(ctx.now)} />);
}

async function renderPage(request: FastifyRequest, reply: FastifyReply, agreementId: string, state: MunicipalPageState, status = 200) {
  const ctx = actorCtx(request);
  const code = ctx.actor.municipalityCode;
  if (!code) throw notFound('Aftalen findes ikke.');
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'read');
  const view = await municipalAgreementView(ctx.db, a, code, ctx.actor.personId);
  const whoSigns = a.audienceRoleKey ? `kommunens ${rolePlural(a.audienceRoleKey, view.audienceSolutionName)}` : 'kommunens modtagere af aftalen';
  const signer = { canSign: can(ctx.actor, 'sign', a.facts), whoSigns };
  return sendPage(reply, <MunicipalAgreementPage request={request} view={view} signer={signer} state={state} today={danishDay(ctx.now)} />, status);
}

/** GET /aftaler/:id for a municipal user: the agreement, their municipality's status, signing. */
export async function renderMunicipalAgreement(request: FastifyRequest, reply: FastifyReply, agreementId: string, besked: string | undefined): Promise<unknown> {
  const notice = noticeFor(MUNICIPAL_NOTICES, besked);
  return renderPage(request, reply, agreementId, { notice });
}

/** Runs a signing form; a 409/413/422/429 redraws the page with the errors and what the user typed. */
async function signingForm(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  form: 'sign' | 'upload',
  values: Body,
  run: () => Promise<{ alreadySigned: boolean }>,
) {
  let alreadySigned: boolean;
  try {
    ({ alreadySigned } = await run());
  } catch (error) {
    if (!(error instanceof AppError) || !FORM_STATUSES.includes(error.status)) throw error;
    const fields = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
    const errors = form === 'upload' ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === '_' ? k : uploadFieldKey(k), v])) : fields;
    return renderPage(request, reply, id, { errors, form, values }, error.status);
  }
  const notice = form === 'sign' ? (alreadySigned ? 'allerede-underskrevet' : 'underskrevet') : alreadySigned ? 'allerede-indsendt' : 'indsendt';
  return reply.redirect(`/aftaler/${id}?besked=${notice}#status`, 303);
}

export function registerAgreementMunicipalPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/aftaler/:id/underskriv', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const body = request.body;
    // The password is never written back into the page.
    const { password: _password, ...values } = body;
    return signingForm(request, reply, id, 'sign', values, () => signAgreement(ctx, id, body, { ip: request.ip }));
  });

  // A signed PDF up to MAX_AGREEMENT_FILE_BYTES with its name: parsed by this scope's own multipart parser.
  app.register(async (parent) => {
    registerSignatureUploadParser(parent);
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    scope.post('/aftaler/:id/underskrift', { schema: { params: idParams, body: uploadBody } }, async (request, reply) => {
      const ctx = actorCtx(request);
      const { id } = request.params;
      const upload = signatureUploadFrom(request.body);
      return signingForm(request, reply, id, 'upload', upload.fields, () => uploadSignature(ctx, id, upload, { ip: request.ip }));
    });
  });

  registerAgreementSignaturePages(root);
}
