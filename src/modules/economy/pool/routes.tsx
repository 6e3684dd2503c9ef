import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAttentionProvider } from '../../../platform/attention/provider.ts';
import { isCentral } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { AppError, notFound, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, pageNumber, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { authorizeGovernance, authorizeSubmitProposal, canSubmitProposal, isSecretariat } from '../policy.ts';
import { registerPoolApi } from './api.ts';
import { changedProposalsProvider, waitingProposalsProvider } from './attention.ts';
import { moveProposal } from './move-proposal.ts';
import { NewProposalPage } from './new-proposal-page.tsx';
import { POOL_PAGE_SIZE, PoolPage } from './pool-page.tsx';
import { parseMoveForm, parseProposalForm } from './proposal-input.ts';
import { ProposalPage } from './proposal-page.tsx';
import { listProposals, loadProposal, meetingOptions, poolSummary, poolYears, proposalSteps, solutionOptions } from './queries.ts';
import { isProposalStatus } from './statuses.ts';
import { submitProposal, submittableYears } from './submit-proposal.ts';

const NOTICES: Record<string, string> = {
  indsendt: 'Forslaget er indsendt og har status Modtaget. Her kan I følge det gennem behandlingen.',
  flyttet: 'Beslutningen er registreret.',
  uaendret: 'Beslutningen var allerede registreret; intet er ændret.',
};

/** How many of a municipality's own proposals the pool page lists first. */
const OWN_LIMIT = 25;

const numberParams = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });
const poolQuery = pageQuery({ aar: queryText, status: queryText, side: pageNumber });

const readYear = (s: string | undefined): number | undefined => (s && /^\d{4}$/.test(s) && Number(s) >= 2000 && Number(s) <= 2100 ? Number(s) : undefined);

/** 422 and 409 come back as the same page with the user's input and a Danish error summary. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { _: e.message });

async function poolPage(request: FastifyRequest, reply: FastifyReply, q: { aar?: string | undefined; status?: string | undefined; side: number; besked?: string | undefined }) {
  const ctx = actorCtx(request);
  authorizeGovernance(ctx.actor, 'read');
  const coming = Number(danishDay(ctx.now).slice(0, 4)) + 1;
  const known = await poolYears(ctx.db);
  const withProposals = known.filter((y) => y.proposals).map((y) => y.year);
  // The coming year is the one being prioritised; if nobody has proposed for it yet, the latest that has proposals.
  const year = readYear(q.aar) ?? (withProposals.includes(coming) || withProposals.length === 0 ? coming : withProposals[0]!);
  const years = [...new Set([...known.map((y) => y.year), coming, year])].sort((a, b) => b - a);
  const status = isProposalStatus(q.status) ? q.status : undefined;
  const summary = await poolSummary(ctx.db, year);
  const matching = status ? summary.counts[status] : summary.total;
  const page = Math.min(q.side, Math.max(1, Math.ceil(matching / POOL_PAGE_SIZE)));
  const { items } = await listProposals(ctx.db, { year, status }, { limit: POOL_PAGE_SIZE, offset: (page - 1) * POOL_PAGE_SIZE });
  const code = ctx.actor.municipalityCode;
  const own = code === null ? null : (await listProposals(ctx.db, { municipalityCode: code }, { limit: OWN_LIMIT, offset: 0 })).items;
  const html = (
    <PoolPage
      request={request}
      year={year}
      years={years}
      summary={summary}
      status={status}
      page={page}
      proposals={items}
      own={own}
      canSubmit={canSubmitProposal(ctx.actor)}
      notice={noticeFor(NOTICES, q.besked)}
    />
  );
  return sendPage(reply, html);
}

async function newProposalPage(request: FastifyRequest, reply: FastifyReply, form: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeSubmitProposal(ctx.actor);
  const years = submittableYears(ctx.now);
  const solutions = await solutionOptions(ctx.db);
  return sendPage(reply, <NewProposalPage request={request} solutions={solutions} years={years} defaultYear={years[1]!} values={form.values} errors={form.errors} />, form.status ?? 200);
}

async function proposalPage(
  request: FastifyRequest,
  reply: FastifyReply,
  number: number,
  opts: { notice?: string | undefined; form?: { values: Record<string, unknown>; errors: FieldErrors }; status?: number } = {},
) {
  const ctx = actorCtx(request);
  authorizeGovernance(ctx.actor, 'read');
  const proposal = await loadProposal(ctx.db, number);
  if (!proposal) throw notFound('Forslaget findes ikke.');
  const steps = await proposalSteps(ctx.db, proposal.id);
  const meetings = isSecretariat(ctx.actor) ? await meetingOptions(ctx.db, proposal.year) : null;
  const html = <ProposalPage request={request} proposal={proposal} steps={steps} showWho={isCentral(ctx.actor)} meetings={meetings} form={opts.form} notice={opts.notice} />;
  return sendPage(reply, html, opts.status ?? 200);
}

/** The prioritisation pool (issue #11 point 6): its pages, its API and its front-page items. */
export function registerPoolRoutes(root: FastifyInstance): void {
  registerAttentionProvider(waitingProposalsProvider);
  registerAttentionProvider(changedProposalsProvider);
  registerPoolApi(root);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/styring/puljen', { schema: { querystring: poolQuery } }, async (request, reply) => poolPage(request, reply, request.query));

  app.get('/styring/puljen/nyt', async (request, reply) => newProposalPage(request, reply));

  app.post('/styring/puljen', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeSubmitProposal(ctx.actor);
    try {
      const r = await submitProposal(ctx, parseProposalForm(request.body), clientKeyOf(request));
      return reply.redirect(`/styring/puljen/forslag/${r.number}?besked=indsendt`, 303);
    } catch (error) {
      const e = formError(error);
      return newProposalPage(request, reply, { values: request.body, errors: errorsOf(e), status: e.status });
    }
  });

  app.get('/styring/puljen/forslag/:number', { schema: { params: numberParams, querystring: pageQuery({}) } }, async (request, reply) =>
    proposalPage(request, reply, request.params.number, { notice: noticeFor(NOTICES, request.query.besked) }),
  );

  app.post('/styring/puljen/forslag/:number/trin', { schema: { params: numberParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeGovernance(ctx.actor, 'edit');
    const { number } = request.params;
    try {
      const r = await moveProposal(ctx, number, parseMoveForm(request.body), clientKeyOf(request));
      return reply.redirect(`/styring/puljen/forslag/${number}?besked=${r.moved ? 'flyttet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return proposalPage(request, reply, number, { form: { values: request.body, errors: errorsOf(e) }, status: e.status });
    }
  });
}
