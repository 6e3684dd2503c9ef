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
import { danishCompare, formatDateTimeSeconds } from '../../platform/views/format.ts';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../platform/audit/actions.ts';
import { isCentralAdmin } from '../../platform/context.ts';
import { type ChangedField, changedFields, withoutIp } from './changed-fields.ts';
import { auditObjectNames } from './object-names.ts';

const ENTITY_TYPES: Record<string, string> = {
  task: 'Opgave',
  agreement: 'Aftale',
  person: 'Person',
  municipality: 'Kommune',
  project: 'Projekt',
  solution: 'Løsning',
  role_assignment: 'Rolletildeling',
  user_account: 'Brugerkonto',
  api_token: 'API-nøgle',
  calendar_feed: 'Kalenderadresse',
  outbox_mail: 'Mail',
};

/** The filter lists every action by its label, in Danish alphabetical order. */
const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).sort((a, b) => danishCompare(a[1], b[1]));


export function registerAuditRoutes(root: FastifyInstance) {
  registerMenuEntry({ key: 'log', order: 70, href: '/log', label: 'Log', visible: mayReadAudit });
  root.withTypeProvider<ZodTypeProvider>().get('/log', { schema: { querystring: queryFields } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const f = parseInput(auditFilter, request.query);
    const { rows, nextBefore, scope } = await listAudit(ctx.db, ctx.actor, f);
    const objects = await auditObjectNames(ctx.db, rows);
    const showIp = isCentralAdmin(ctx.actor);
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
              {ACTION_OPTIONS.map(([k, v]) => (
                <option value={k} selected={k === f.handling}>
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
              <th scope="col">Objekt</th>
              <th scope="col">Ændringer</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan="6">Ingen logposter matcher filteret.</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr>
                  <td safe>{formatDateTimeSeconds(r.at)}</td>
                  <td safe>{r.actorLabel}</td>
                  <td safe>{r.municipalityCode ?? '–'}</td>
                  <td safe>{auditActionLabel(r.action)}</td>
                  <td>
                    <AuditObjectCell type={r.entityType} id={r.entityId} object={r.entityId ? objects.get(`${r.entityType}:${r.entityId}`) : undefined} />
                  </td>
                  <td>
                    <ChangesCell changes={changedFields(r.before, r.after, showIp)} />
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
        summary: 'Log over ændringer (administratorer; kommuner ser kun egne poster, og kun KOMBITs administratorer ser IP-adresser)',
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
                actionLabel: z.string(),
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
      const showIp = isCentralAdmin(ctx.actor);
      return {
        entries: rows.map((r) => ({
          ...r,
          at: r.at.toISOString(),
          actor: r.actorLabel,
          actionLabel: auditActionLabel(r.action),
          before: withoutIp(r.before, showIp),
          after: withoutIp(r.after, showIp),
        })),
        nextBefore,
      };
    },
  );
}

function AuditObjectCell(p: { type: string; id: string | null; object: { name: string; href: string | null } | undefined }): JSX.Element {
  const kind = ENTITY_TYPES[p.type] ?? p.type;
  if (!p.object) return <span safe>{`${kind} ${p.id ?? ''}`.trim()}</span>;
  return (
    <>
      <span safe>{kind}</span>{' '}
      {p.object.href ? (
        <a href={p.object.href} safe>
          {p.object.name}
        </a>
      ) : (
        <span safe>{p.object.name}</span>
      )}
    </>
  );
}

function ChangesCell(p: { changes: ChangedField[] }): JSX.Element {
  if (p.changes.length === 0) return <span>–</span>;
  return (
    <ul>
      {p.changes.map((c) => (
        <li safe>{c.from === '' ? `${c.field}: ${c.to}` : c.to === '' ? `${c.field}: ${c.from} → (fjernet)` : `${c.field}: ${c.from} → ${c.to}`}</li>
      ))}
    </ul>
  );
}
