import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { apiBody, errorResponses, iso } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { authorizeGovernance, authorizeSubmitProposal } from '../policy.ts';
import { moveProposal } from './move-proposal.ts';
import { moveBody, parseMoveJson, parseProposalJson, proposalBody } from './proposal-input.ts';
import { countProposals, listProposals, loadProposal, poolSummary, proposalSteps, type ProposalDetail, type ProposalStep, type ProposalSummary } from './queries.ts';
import { proposalStatuses, STATUS_LABELS } from './statuses.ts';
import { submitProposal } from './submit-proposal.ts';

const yearNumber = z.coerce.number({ message: 'Året skrives som fire cifre, fx 2027' }).int('Året skrives som fire cifre, fx 2027').min(2000, 'Året skal være mellem 2000 og 2100').max(2100, 'Året skal være mellem 2000 og 2100');
const numberParams = z.object({ number: z.coerce.number({ message: 'Forslagets nummer er et helt tal' }).int('Forslagets nummer er et helt tal').min(1, 'Forslagets nummer er et helt tal').max(2_147_483_647, 'Forslaget findes ikke') });
const yearParams = z.object({ year: yearNumber });

export const API_LIMIT_MAX = 200;
const listQuery = z.object({
  year: yearNumber.optional().describe('Puljens år, fx 2027'),
  status: z.enum(proposalStatuses, { message: `Status er en af ${proposalStatuses.join(', ')}` }).optional(),
  limit: z.coerce.number().int('Et helt tal').min(1, 'Mindst 1').max(API_LIMIT_MAX, `Højst ${API_LIMIT_MAX}`).default(50),
  offset: z.coerce.number().int('Et helt tal').min(0, 'Mindst 0').max(1_000_000, 'Højst 1000000').default(0),
});

const solutionOut = z.object({ key: z.string(), name: z.string() }).meta({ id: 'PoolProposalSolution' });
const proposerOut = z
  .object({ municipalityCode: z.string().nullable().describe('null: KOMBIT'), name: z.string().describe('Kommunens navn eller "KOMBIT"') })
  .meta({ id: 'PoolProposer' });

const summaryShape = {
  number: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(proposalStatuses),
  statusLabel: z.string().describe('"Modtaget", "Behandlet i fagråd", "Indstillet til Porteføljerådet", "Prioriteret" eller "Afvist"'),
  proposer: proposerOut,
  solutions: z.array(solutionOut),
  estimatedCostOre: z.number().int().describe('Anslået pris i øre'),
  createdAt: z.string(),
  lastStepAt: z.string().nullable(),
};
const summaryOut = z.object(summaryShape).meta({ id: 'PoolProposalSummary' });
const listOut = z
  .object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(summaryOut) })
  .meta({ id: 'PoolProposalList' });

const stepOut = z
  .object({
    status: z.enum(proposalStatuses),
    statusLabel: z.string(),
    meeting: z.object({ id: z.string(), title: z.string(), date: z.string().describe('åååå-mm-dd'), council: z.string() }).nullable(),
    decision: z.string(),
    decidedAt: z.string(),
    decidedBy: z.string().nullable().describe('Hvem der registrerede trinnet; kun for KOMBITs medarbejdere, ellers null'),
  })
  .meta({ id: 'PoolProposalStep' });
const detailOut = z.object({ ...summaryShape, description: z.string(), steps: z.array(stepOut) }).meta({ id: 'PoolProposal' });

const poolOut = z
  .object({
    year: z.number().int(),
    amountOre: z.number().int().describe('Puljens beløb: summen af løsningernes puljeandel i det samlede omkostningsbudget (det foreløbige, hvor der ikke er et samlet)'),
    budgetStage: z.enum(['samlet', 'foreloebigt', 'blandet']).nullable().describe('Hvilket budget beløbet kommer fra; null: intet budget endnu'),
    prioritisedOre: z.number().int().describe('Summen af de prioriterede forslags anslåede pris'),
    remainingOre: z.number().int().describe('amountOre − prioritisedOre; negativ, når puljen er overskredet'),
    recommendedOre: z.number().int().describe('Indstillet til Porteføljerådet, ikke afgjort'),
    proposals: z.record(z.enum(proposalStatuses), z.number().int()).describe('Antal forslag pr. status'),
  })
  .meta({ id: 'PoolYear' });

const presentSummary = (p: ProposalSummary) => ({
  number: p.number,
  year: p.year,
  title: p.title,
  status: p.status,
  statusLabel: STATUS_LABELS[p.status],
  proposer: { municipalityCode: p.municipalityCode, name: p.municipalityName ?? 'KOMBIT' },
  solutions: p.solutions,
  estimatedCostOre: p.estimatedCostOre,
  createdAt: iso(p.createdAt)!,
  lastStepAt: iso(p.lastStepAt),
});

const presentDetail = (p: ProposalDetail, steps: ProposalStep[], central: boolean) => ({
  ...presentSummary(p),
  description: p.description,
  steps: steps.map((s) => ({
    status: s.status,
    statusLabel: STATUS_LABELS[s.status],
    meeting: s.meeting && { id: s.meeting.id, title: s.meeting.title, date: s.meeting.date, council: s.meeting.councilName },
    decision: s.decision,
    decidedAt: iso(s.decidedAt)!,
    decidedBy: central ? s.decidedByName : null,
  })),
});

/** The pool's API under governance: proposals, their steps, and a year's pool against what is prioritised. */
export function registerPoolApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Styring'];

  const detail = async (ctx: ReturnType<typeof actorCtx>, number: number) => {
    const proposal = await loadProposal(ctx.db, number);
    if (!proposal) throw notFound('Forslaget findes ikke.');
    return presentDetail(proposal, await proposalSteps(ctx.db, proposal.id), isCentral(ctx.actor));
  };

  app.get(
    '/api/v1/governance/proposals',
    {
      schema: {
        tags,
        summary: 'Forslag til prioriteringspuljen, nyeste først; alle kommuner ser alle forslag',
        description: 'Filtrér med `year` og `status`; højst `limit` (1-200, standard 50) ad gangen fra `offset`. `total` er antallet, der passer til filteret.',
        querystring: listQuery,
        response: { 200: listOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeGovernance(ctx.actor, 'read');
      const { year, status, limit, offset } = request.query;
      const filter = { year, status };
      const page = await listProposals(ctx.db, filter, { limit, offset });
      const total = page.items.length === 0 && offset > 0 ? await countProposals(ctx.db, filter) : page.total;
      return { total, limit, offset, items: page.items.map(presentSummary) };
    },
  );

  app.post(
    '/api/v1/governance/proposals',
    {
      schema: {
        tags,
        summary: 'Indsend et forslag til prioriteringspuljen',
        description:
          'For kommunen: dens programleder, IT-chef og økonomikontakt; KOMBITs medarbejdere indsender for KOMBIT. Året er i år eller et af de næste fem. ' +
          'Samme `Idempotency-Key` (eller, uden den, samme indhold inden for 10 sekunder) opretter kun ét forslag; gentagelsen svarer 200 med det samme.',
        body: apiBody(proposalBody),
        response: { 200: detailOut, 201: detailOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeSubmitProposal(ctx.actor);
      const r = await submitProposal(ctx, parseProposalJson(request.body), clientKeyOf(request));
      return reply.status(r.created ? 201 : 200).send(await detail(ctx, r.number));
    },
  );

  app.get(
    '/api/v1/governance/proposals/:number',
    {
      schema: {
        tags,
        summary: 'Et forslag med alle dets trin: status, møde, beslutning og tidspunkt',
        params: numberParams,
        response: { 200: detailOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeGovernance(ctx.actor, 'read');
      return detail(ctx, request.params.number);
    },
  );

  app.post(
    '/api/v1/governance/proposals/:number/steps',
    {
      schema: {
        tags,
        summary: 'Registrér et råds beslutning om et forslag (sekretariatet)',
        description:
          'Kun fremad: modtaget → behandlet_fagraad → indstillet → prioriteret, og afvist fra ethvert trin før det sidste; andet svarer 409 med grunden. ' +
          'Mødet skal være et fagrådsmøde for behandlet_fagraad og et møde i Porteføljerådet for de øvrige. ' +
          'Samme `Idempotency-Key` (eller samme indhold inden for 10 sekunder) registrerer kun ét trin; gentagelsen svarer 200.',
        params: numberParams,
        body: apiBody(moveBody),
        response: { 200: detailOut, 201: detailOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeGovernance(ctx.actor, 'edit');
      const r = await moveProposal(ctx, request.params.number, parseMoveJson(request.body), clientKeyOf(request));
      return reply.status(r.moved ? 201 : 200).send(await detail(ctx, r.number));
    },
  );

  app.get(
    '/api/v1/governance/pool/:year',
    {
      schema: {
        tags,
        summary: 'Puljens beløb for et år mod de prioriterede forslag, og hvad der er tilbage',
        params: yearParams,
        response: { 200: poolOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeGovernance(ctx.actor, 'read');
      const s = await poolSummary(ctx.db, request.params.year);
      return {
        year: s.year,
        amountOre: s.amountOre,
        budgetStage: s.budgetStage,
        prioritisedOre: s.prioritisedOre,
        remainingOre: s.remainingOre,
        recommendedOre: s.recommendedOre,
        proposals: s.counts,
      };
    },
  );
}
