import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, iso, uuidParam } from '../../platform/http/api-schemas.ts';
import { formBody, idParams, pageNumber, pageQuery } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { retryUncertainMail } from '../../platform/outbox/retry-uncertain.ts';
import { CsrfField, Notice } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { outboxStatuses } from '../../platform/outbox/schema.ts';
import { Pager } from '../../platform/views/pager.tsx';
import { authorizeOutbox, getOutboxMail, listOutbox, MAX_PAGE_SIZE, mayReadOutbox, outboxFilter, outboxFilterFields, PAGE_SIZE, STATUS_DA, type OutboxFilter } from './queries.ts';
import { formatDateTimeSeconds, formatNumber } from '../../platform/views/format.ts';
import { registerOutboxAttention } from './attention.ts';

const fmt = (d: Date | null) => (d ? formatDateTimeSeconds(d) : '–');

/** The page's Danish query names for the list's filters. */
const PAGE_FIELDS = { modtager: 'recipient', emne: 'subject', status: 'status', fra: 'from', til: 'to' } as const;
type PageField = keyof typeof PAGE_FIELDS;

/**
 * Reads the page's filters one by one: a value that cannot be read (a day that does not exist, an
 * unknown status) is left out of the search and named in Danish above the list, so a mangled link
 * still shows the outbox rather than an error page.
 */
function pageFilter(query: Record<string, unknown>) {
  const filter: OutboxFilter = {};
  const shown: Partial<Record<PageField, string>> = {};
  const errors: string[] = [];
  for (const [name, field] of Object.entries(PAGE_FIELDS) as [PageField, keyof OutboxFilter][]) {
    const raw = query[name];
    const parsed = outboxFilterFields[field].safeParse(raw);
    if (parsed.success) {
      if (parsed.data !== undefined) {
        (filter as Record<string, string>)[field] = parsed.data;
        shown[name] = parsed.data;
      }
    } else {
      errors.push(`${FIELD_LABEL[name]}: ${parsed.error.issues[0]?.message ?? 'kan ikke læses'}`);
    }
  }
  return { filter, shown, errors };
}

const FIELD_LABEL: Record<PageField, string> = { modtager: 'Modtager', emne: 'Emne', status: 'Status', fra: 'Fra dato', til: 'Til dato' };

const listQuery = pageQuery({ side: pageNumber });

export function registerOutboxRoutes(root: FastifyInstance) {
  registerMenuEntry({ key: 'post', order: 80, href: '/udgaaende-post', label: 'Udgående post', visible: mayReadOutbox });
  registerOutboxAttention();
  const pages = root.withTypeProvider<ZodTypeProvider>();
  pages.get('/udgaaende-post', { schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOutbox(ctx.actor);
    const { filter, shown, errors } = pageFilter(request.query);
    const list = await listOutbox(ctx.db, filter, request.query.side);
    const link = (page: number) => {
      const q = new URLSearchParams(Object.entries(shown) as [string, string][]);
      if (page > 1) q.set('side', String(page));
      const s = q.toString();
      return s ? `/udgaaende-post?${s}` : '/udgaaende-post';
    };
    const { rows, total, page, pages: pageCount } = list;
    return sendPage(
      reply,
      <Layout title="Udgående post" actor={ctx.actor} csrfToken={request.csrfToken} nav="post">
        <h1>Udgående post</h1>
        {ctx.config.smtpUrl ? (
          <p class="font-lead">Mails sendes via SMTP. Her kan du se, hvad der er sendt, og hvad der venter.</p>
        ) : (
          <Notice kind="info" text="Der er ikke sat en SMTP-server op (SMTP_URL), så mails bliver ikke sendt. De ligger her og kan læses." />
        )}
        {errors.length > 0 ? <Notice kind="error" text={`Filteret kunne ikke bruges helt. ${errors.join('. ')}.`} /> : ''}
        <form method="get" action="/udgaaende-post" class="samspil-actions">
          <div class="form-group">
            <label class="form-label" for="felt-modtager">
              Modtager
            </label>
            <input class="form-input" id="felt-modtager" name="modtager" value={shown.modtager ?? ''} />
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-emne">
              Emne
            </label>
            <input class="form-input" id="felt-emne" name="emne" value={shown.emne ?? ''} />
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-status">
              Status
            </label>
            <select class="form-select" id="felt-status" name="status">
              <option value="">Alle</option>
              {outboxStatuses.map((s) => (
                <option value={s} selected={s === filter.status} safe>
                  {STATUS_DA[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-fra">
              Fra dato
            </label>
            <input class="form-input" type="date" id="felt-fra" name="fra" value={shown.fra ?? ''} />
          </div>
          <div class="form-group">
            <label class="form-label" for="felt-til">
              Til dato
            </label>
            <input class="form-input" type="date" id="felt-til" name="til" value={shown.til ?? ''} />
          </div>
          <button type="submit" class="button button-secondary">
            Søg
          </button>
        </form>
        <p safe>{total === 1 ? '1 mail' : `${formatNumber(total)} mails`}</p>
        <table class="table table--compact table--zebra">
          <caption class="sr-only">Mails, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Oprettet</th>
              <th scope="col">Til</th>
              <th scope="col">Emne</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan="4">Ingen mails matcher søgningen.</td>
              </tr>
            ) : (
              rows.map((m) => (
                <tr>
                  <td safe>{fmt(m.createdAt)}</td>
                  <td safe>{m.toAddress}</td>
                  <td>
                    <a href={`/udgaaende-post/${m.id}`} safe>
                      {m.subject}
                    </a>
                  </td>
                  <td safe>{STATUS_DA[m.status]}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        {pageCount > 1 ? (
          <Pager text={`Side ${page} af ${pageCount}`} previous={page > 1 ? link(page - 1) : null} next={page < pageCount ? link(page + 1) : null} />
        ) : (
          ''
        )}
      </Layout>,
    );
  });

  pages.get('/udgaaende-post/:id', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOutbox(ctx.actor);
    const m = await getOutboxMail(ctx.db, request.params.id);
    return sendPage(
      reply,
      <Layout title={m.subject} actor={ctx.actor} csrfToken={request.csrfToken} nav="post">
        <p>
          <a href="/udgaaende-post" class="function-link">
            Tilbage til udgående post
          </a>
        </p>
        <h1 safe>{m.subject}</h1>
        <dl class="samspil-details">
          <dt>Til</dt>
          <dd safe>{m.toAddress}</dd>
          {m.ccAddress ? <dt>Cc</dt> : ''}
          {m.ccAddress ? <dd safe>{m.ccAddress}</dd> : ''}
          <dt>Status</dt>
          <dd safe>{STATUS_DA[m.status]}</dd>
          <dt>Oprettet</dt>
          <dd safe>{fmt(m.createdAt)}</dd>
          <dt>Sendt</dt>
          <dd safe>{fmt(m.sentAt)}</dd>
          {m.lastError ? <dt>Seneste fejl</dt> : ''}
          {m.lastError ? <dd safe>{m.lastError}</dd> : ''}
        </dl>
        {m.status === 'uncertain' ? (
          <form method="post" action={`/udgaaende-post/${m.id}/send-igen`}>
            <CsrfField token={request.csrfToken} />
            <p>Kontrollér først hos modtageren, at mailen ikke er kommet frem – ellers får modtageren den to gange.</p>
            <button type="submit" class="button button-secondary">
              Send igen
            </button>
          </form>
        ) : (
          ''
        )}
        <h2>Indhold</h2>
        <pre class="samspil-mail" safe>
          {m.body}
        </pre>
      </Layout>,
    );
  });

  pages.post('/udgaaende-post/:id/send-igen', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOutbox(ctx.actor);
    const { id } = request.params;
    await retryUncertainMail(ctx, id);
    return reply.redirect(`/udgaaende-post/${id}`, 303);
  });

  const app = root.withTypeProvider<ZodTypeProvider>();
  const mailOut = z.object({
    id: z.string(),
    createdAt: z.string(),
    to: z.string(),
    cc: z.string().nullable(),
    subject: z.string(),
    body: z.string(),
    kind: z.string(),
    status: z.string(),
    attempts: z.number(),
    sentAt: z.string().nullable(),
    lastError: z.string().nullable(),
    municipalityCode: z.string().nullable(),
  });
  const present = (m: Awaited<ReturnType<typeof getOutboxMail>>) => ({
    ...m,
    to: m.toAddress,
    cc: m.ccAddress,
    createdAt: iso(m.createdAt)!,
    sentAt: iso(m.sentAt),
  });
  app.get(
    '/api/v1/outbox',
    {
      schema: {
        tags: ['Udgående post'],
        summary: 'Mails i udgående post, nyeste først (uden indhold), søgbare og i sider',
        querystring: outboxFilter.extend({
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
        }),
        response: {
          200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), mails: z.array(mailOut.omit({ body: true, cc: true })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeOutbox(ctx.actor);
      const { page, pageSize, ...filter } = request.query;
      const list = await listOutbox(ctx.db, filter, page, pageSize);
      return {
        total: list.total,
        page: list.page,
        pageSize: list.pageSize,
        mails: list.rows.map((m) => ({ ...m, to: m.toAddress, createdAt: iso(m.createdAt)!, sentAt: iso(m.sentAt) })),
      };
    },
  );
  app.post(
    '/api/v1/outbox/:id/retry',
    {
      schema: {
        tags: ['Udgående post'],
        summary: 'Send en mail med usikker afsendelse igen (efter kontrol hos modtageren)',
        params: z.object({ id: uuidParam }),
        response: { 200: mailOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeOutbox(ctx.actor);
      await retryUncertainMail(ctx, request.params.id);
      return present(await getOutboxMail(ctx.db, request.params.id));
    },
  );
  app.get(
    '/api/v1/outbox/:id',
    { schema: { tags: ['Udgående post'], summary: 'Én mail i udgående post', params: z.object({ id: uuidParam }), response: { 200: mailOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeOutbox(ctx.actor);
      return present(await getOutboxMail(ctx.db, request.params.id));
    },
  );
}
