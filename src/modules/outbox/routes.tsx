import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, iso, uuidParam } from '../../platform/http/api-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { Notice } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { authorizeOutbox, getOutboxMail, listOutbox, STATUS_DA } from './queries.ts';

const fmt = (d: Date | null) => (d ? d.toLocaleString('da-DK', { timeZone: 'Europe/Copenhagen' }) : '–');

export function registerOutboxRoutes(root: FastifyInstance) {
  root.get('/udgaaende-post', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOutbox(ctx.actor);
    const rows = await listOutbox(ctx.db);
    return sendPage(
      reply,
      <Layout title="Udgående post" actor={ctx.actor} csrfToken={request.csrfToken} nav="post">
        <h1>Udgående post</h1>
        {ctx.config.smtpUrl ? (
          <p class="font-lead">Mails sendes via SMTP. Her kan du se, hvad der er sendt, og hvad der venter.</p>
        ) : (
          <Notice kind="info">
            Der er ikke sat en SMTP-server op (SMTP_URL), så mails bliver ikke sendt. De ligger her og kan læses.
          </Notice>
        )}
        <table class="table table--compact table--zebra">
          <caption class="sr-only">De seneste 200 mails</caption>
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
                <td colspan="4">Der er ingen mails.</td>
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
                  <td safe>{STATUS_DA[m.status] ?? m.status}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Layout>,
    );
  });

  root.get('/udgaaende-post/:id', async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeOutbox(ctx.actor);
    const m = await getOutboxMail(ctx.db, (request.params as { id: string }).id);
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
          <dd safe>{STATUS_DA[m.status] ?? m.status}</dd>
          <dt>Oprettet</dt>
          <dd safe>{fmt(m.createdAt)}</dd>
          <dt>Sendt</dt>
          <dd safe>{fmt(m.sentAt)}</dd>
          {m.lastError ? <dt>Seneste fejl</dt> : ''}
          {m.lastError ? <dd safe>{m.lastError}</dd> : ''}
        </dl>
        <h2>Indhold</h2>
        <pre class="samspil-mail" safe>
          {m.body}
        </pre>
      </Layout>,
    );
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
  app.get(
    '/api/v1/outbox/:id',
    { schema: { tags: ['Udgående post'], summary: 'Én mail i udgående post', params: z.object({ id: uuidParam }), response: { 200: mailOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeOutbox(ctx.actor);
      const m = await getOutboxMail(ctx.db, request.params.id);
      return { ...m, to: m.toAddress, cc: m.ccAddress, createdAt: iso(m.createdAt)!, sentAt: iso(m.sentAt) };
    },
  );
}
