import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { errorResponses, iso } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { authorizeBackupOverview, backupReportScope } from '../policy.ts';
import { byValgThenName, isValgOwner } from './group-missing.ts';
import { backupCounts, missingBackup } from './load-backup-state.ts';
import { reportMunicipality } from './load-report.ts';
import { BACKUP_API_PATH } from './routes-paths.ts';

const PAGE_SIZE = 500;

const personOut = z
  .object({
    personId: z.string(),
    name: z.string(),
    email: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    roles: z.array(z.object({ roleTypeKey: z.string(), roleLabel: z.string(), solutionKey: z.string().nullable(), solutionName: z.string().nullable() })),
    valgSystemOwner: z.boolean().describe('Systemansvarlig for Valg: de står først'),
    lastContextHandlerLoginAt: z.string().nullable().describe('ISO 8601'),
    professionalUuidKnown: z.boolean().describe('Context Handler har oplyst MitID Erhverv-identifikatoren: første log ind med MitID Erhverv tilknytter den'),
  })
  .meta({ id: 'BackupMissingPerson' });

const answer = z
  .object({
    municipalities: z.array(z.object({ code: z.string(), name: z.string(), missing: z.number().int(), withBackup: z.number().int() })),
    people: z.array(personOut),
    page: z.number().int(),
    pageSize: z.number().int(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'BackupMissing' });

/** `GET /api/v1/sso/backup-missing`: who logs in through Context Handler without MitID Erhverv as backup. */
export function registerBackupApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    BACKUP_API_PATH,
    {
      schema: {
        tags: ['Single sign-on'],
        summary: 'Brugere, der har logget ind med Context Handler uden at have MitID Erhverv som reservelogin',
        description:
          'Kommunens KLIK-administrator ser sin egen kommune (standard); KOMBIT alle 98 eller én. En anden kommune svarer 404 for kommunens brugere. ' +
          `Højst ${String(PAGE_SIZE)} pr. side; systemansvarlige for Valg først, derefter efter kommunekode.`,
        querystring: z.object({
          municipality: z.string().regex(/^\d{4}$/, 'Kommunekoden består af fire cifre').optional(),
          solution: z.string().max(40).optional().describe('Kun personer med en rolle for løsningen'),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
        response: { 200: answer, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const q = request.query;
      const code = q.municipality ?? (isCentral(ctx.actor) ? undefined : (ctx.actor.municipalityCode ?? undefined));
      if (code) await reportMunicipality(ctx.db, ctx.actor, code);
      else authorizeBackupOverview(ctx.actor);
      const page = q.page ?? 1;
      const filter = { code, solutionKey: q.solution, scope: backupReportScope(ctx.actor) };
      const counts = await backupCounts(ctx.db, filter);
      const rows = await missingBackup(ctx.db, filter, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
      return {
        municipalities: counts,
        people: rows
          .slice(0, PAGE_SIZE)
          .sort((a, b) => Number(isValgOwner(b)) - Number(isValgOwner(a)) || a.municipalityCode.localeCompare(b.municipalityCode) || byValgThenName(a, b))
          .map((p) => ({
            personId: p.personId,
            name: p.name,
            email: p.email,
            municipalityCode: p.municipalityCode,
            municipalityName: p.municipalityName,
            roles: p.roles.map((r) => ({ roleTypeKey: r.roleTypeKey, roleLabel: r.roleLabel, solutionKey: r.solutionKey, solutionName: r.solutionName })),
            valgSystemOwner: isValgOwner(p),
            lastContextHandlerLoginAt: iso(p.lastContextHandlerLoginAt),
            professionalUuidKnown: p.professionalUuidKnown,
          })),
        page,
        pageSize: PAGE_SIZE,
        hasMore: rows.length > PAGE_SIZE,
      };
    },
  );
}
