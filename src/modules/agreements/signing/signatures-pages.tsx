import { noticeFor } from '../../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCentral } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { loadAgreement } from '../load-agreement.ts';
import { can } from '../policy.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formBody, idParams, pageQuery, uuidParam } from '../../../platform/http/page-schemas.ts';
import { buildReceiptPdf } from './receipt-pdf.ts';
import { acceptSignature, rejectSignature } from './review-signature.ts';
import { listSignatures, signatureUpload, visibleSignature } from './signature-queries.ts';
import { SIGNATURE_NOTICES, SignaturesPage, type SignaturesPageState } from './signatures-views.tsx';

const signatureParams = idParams.extend({ signatureId: uuidParam });

async function renderSignatures(request: FastifyRequest, reply: FastifyReply, id: string, state: SignaturesPageState, status = 200) {
  const ctx = actorCtx(request);
  const a = await loadAgreement(ctx.db, ctx.actor, id, 'read');
  // A municipality sees its own signatures on the agreement's page.
  if (!isCentral(ctx.actor)) return reply.redirect(`/aftaler/${a.id}#underskrifter`, 303);
  const signatures = await listSignatures(ctx.db, a.id);
  const page = (
    <SignaturesPage
      request={request}
      agreement={{ id: a.id, title: a.title, type: a.type }}
      signatures={signatures}
      canReview={can(ctx.actor, 'manage', a.facts)}
      state={state}
    />
  );
  return sendPage(reply, page, status);
}

/** Runs a review form; a 409/422 redraws the page with the error next to the signature's forms. */
async function reviewForm(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { id: string; signatureId: string; values: Record<string, unknown> },
  run: () => Promise<{ changed: boolean }>,
  done: string,
) {
  const { id, signatureId } = input;
  let changed: boolean;
  try {
    ({ changed } = await run());
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
    const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
    return renderSignatures(request, reply, id, { errors, signatureId, values: input.values }, error.status);
  }
  return reply.redirect(`/aftaler/${id}/underskrifter?besked=${changed ? done : 'uaendret'}`, 303);
}

/** The central list of an agreement's signatures with the review of uploaded copies; the uploaded file and the receipt for both sides. */
export function registerAgreementSignaturePages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/aftaler/:id/underskrifter', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const notice = noticeFor(SIGNATURE_NOTICES, request.query.besked);
    return renderSignatures(request, reply, request.params.id, { notice });
  });

  const review = { params: signatureParams, body: formBody };
  app.post('/aftaler/:id/underskrifter/:signatureId/godkend', { schema: review }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, signatureId } = request.params;
    return reviewForm(request, reply, { id, signatureId, values: request.body }, () => acceptSignature(ctx, id, signatureId), 'godkendt');
  });

  app.post('/aftaler/:id/underskrifter/:signatureId/afvis', { schema: review }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, signatureId } = request.params;
    return reviewForm(request, reply, { id, signatureId, values: request.body }, () => rejectSignature(ctx, id, signatureId, request.body), 'afvist');
  });

  app.get('/aftaler/:id/underskrifter/:signatureId/fil', { schema: { params: signatureParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, signatureId } = request.params;
    const a = await loadAgreement(ctx.db, ctx.actor, id, 'read');
    const s = await visibleSignature(ctx.db, ctx.actor, a.id, signatureId);
    return sendDownload(reply, await signatureUpload(ctx.db, a.id, s.id));
  });

  app.get('/aftaler/:id/underskrifter/:signatureId/kvittering', { schema: { params: signatureParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, signatureId } = request.params;
    return sendReceipt(reply, await buildReceiptPdf(ctx, id, signatureId));
  });
}

export function sendReceipt(reply: FastifyReply, pdf: { filename: string; content: Buffer }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${pdf.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(pdf.content);
}
