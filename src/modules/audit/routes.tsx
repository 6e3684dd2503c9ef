import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseInput } from '../../platform/errors.ts';
import { errorResponses } from '../../platform/http/api-schemas.ts';
import { queryFields } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { auditFilter, listAudit, mayReadAudit } from './queries.ts';
import { formatDateTimeSeconds } from '../../platform/views/format.ts';

const ACTIONS: Record<string, string> = {
  'person.created': 'Person tilføjet',
  'person.updated': 'Person rettet',
  'person.deactivated': 'Person deaktiveret',
  'role.assigned': 'Rolle tildelt',
  'role.removed': 'Rolle fjernet',
  'role.primary_changed': 'Primær ændret',
  'gallery.imported': 'Rollegalleri importeret',
  'municipality.imported': 'Kommunedata importeret',
  'auth.login': 'Logget ind',
  'auth.logout': 'Logget ud',
  'auth.password_link_issued': 'Link til adgangskode sendt',
  'auth.password_set': 'Adgangskode valgt',
  'token.created': 'API-nøgle oprettet',
  'token.revoked': 'API-nøgle tilbagekaldt',
  'outbox.retry_uncertain': 'Mail sendt igen efter kontrol',
  'project.created': 'Projekt oprettet',
  'task.created': 'Opgave oprettet',
  'task.updated': 'Opgave rettet',
  'task.announced': 'Opgave annonceret',
  'task.published': 'Opgave publiceret',
  'task.closed': 'Opgave lukket',
  'task.deadline_changed': 'Frist ændret',
  'task.attachment_added': 'Bilag tilføjet',
  'task.local_created': 'Lokal opgave oprettet',
  'task.step_answered': 'Trin besvaret',
  'task.people_assigned': 'Ansvarlig/udfører valgt',
  'task.message_posted': 'Besked i opgavetråd',
  'task.marked_not_relevant': 'Markeret ikke relevant',
  'task.marked_relevant': 'Markeret relevant igen',
  'task.reminder_sent': 'Påmindelse sendt',
  'user.digest_mode_changed': 'Notifikationsvalg ændret',
  'calendar.feed_created': 'Kalenderadresse oprettet',
  'calendar.feed_revoked': 'Kalenderadresse slået fra',
};

const fmt = formatDateTimeSeconds;

export function registerAuditRoutes(root: FastifyInstance) {
  registerMenuEntry({ key: 'log', order: 70, href: '/log', label: 'Log', visible: mayReadAudit });
  root.withTypeProvider<ZodTypeProvider>().get('/log', { schema: { querystring: queryFields } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const f = parseInput(auditFilter, request.query);
    const { rows, nextBefore, scope } = await listAudit(ctx.db, ctx.actor, f);
    const q = request.query;
    const nextQuery = new URLSearchParams({ ...Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')), foer: String(nextBefore) });
    return sendPage(
      reply,
      <Layout title="Log" actor={ctx.actor} csrfToken={request.csrfToken} nav="log">
        <h1>Log over ændringer</h1>
        <p class="font-lead">
          {scope ? `Ændringer i ${ctx.actor.municipalityName ?? ''} Kommune.` : 'Alle ændringer i Samspil, nyeste først.'}
        </p>
        <form method="get" action="/log" class="samspil-actions">
          {scope ? (
            ''
          ) : (
            <div class="form-group">
              <label class="form-label" for="felt-kommune">
                Kommunekode
              </label>
              <input class="form-input input-width-xs" id="felt-kommune" name="kommune" value={f.kommune ?? ''} inputmode="numeric" />
            </div>
          )}
          <div class="form-group">
            <label class="form-label" for="felt-handling">
              Handling
            </label>
            <select class="form-select" id="felt-handling" name="handling">
              <option value="">Alle</option>
              {Object.entries(ACTIONS).map(([k, v]) => (
                <option value={k} selected={k === f.handling} safe>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-soeg">
              Bruger eller id
            </label>
            <input class="form-input" id="felt-soeg" name="soeg" value={f.soeg ?? ''} />
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-fra">
              Fra dato
            </label>
            <input class="form-input" type="date" id="felt-fra" name="fra" value={f.fra ?? ''} />
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-til">
              Til dato
            </label>
            <input class="form-input" type="date" id="felt-til" name="til" value={f.til ?? ''} />
          </div>
          <button type="submit" class="button button-secondary">
            Filtrér
          </button>
        </form>
        <table class="table table--compact table--zebra">
          <caption class="sr-only">Logposter</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Bruger</th>
              <th scope="col">Kommune</th>
              <th scope="col">Handling</th>
              <th scope="col">Detaljer</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan="5">Ingen logposter matcher filteret.</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr>
                  <td safe>{fmt(r.at)}</td>
                  <td safe>{r.actorLabel}</td>
                  <td safe>{r.municipalityCode ?? '–'}</td>
                  <td safe>{ACTIONS[r.action] ?? r.action}</td>
                  <td>
                    <details>
                      <summary safe>{`${r.entityType} ${r.entityId ?? ''}`}</summary>
                      <pre safe>{JSON.stringify({ før: r.before, efter: r.after, forespørgsel: r.requestId }, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        {nextBefore ? (
          <p>
            <a href={`/log?${nextQuery.toString()}`} class="function-link">
              Ældre poster
            </a>
          </p>
        ) : (
          ''
        )}
      </Layout>,
    );
  });

  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['Log'],
        summary: 'Log over ændringer (administratorer; kommuner ser kun egne poster)',
        querystring: auditFilter,
        response: {
          200: z.object({
            entries: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                actor: z.string(),
                municipalityCode: z.string().nullable(),
                action: z.string(),
                entityType: z.string(),
                entityId: z.string().nullable(),
                before: z.unknown(),
                after: z.unknown(),
                requestId: z.string().nullable(),
              }),
            ),
            nextBefore: z.number().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { rows, nextBefore } = await listAudit(ctx.db, ctx.actor, request.query);
      return {
        entries: rows.map((r) => ({ ...r, at: r.at.toISOString(), actor: r.actorLabel })),
        nextBefore,
      };
    },
  );
}
