import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, iso, uuidParam } from '../../platform/http/api-schemas.ts';
import { formBody, idParams } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { retryUncertainMail } from '../../platform/outbox/retry-uncertain.ts';
import { CsrfField, Notice } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { authorizeOutbox, getOutboxMail, listOutbox, mayReadOutbox, STATUS_DA } from './queries.ts';
import { formatDateTimeSeconds } from '../../platform/views/format.ts';

const fmt = (d: Date | null) => (d ? formatDateTimeSeconds(d) : '–');

export function registerOutboxRoutes(root: FastifyInstance) {
  registerMenuEntry({ key: 'post', order: 80, href: '/udgaaende-post', label: 'Udgående post', visible: mayReadOutbox });
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
          <Notice kind="info" text="Der er ikke sat en SMTP-server op (SMTP_URL), så mails bliver ikke sendt. De ligger her og kan læses." />
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

  const pages = root.withTypeProvider<ZodTypeProvider>();
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
          <dd safe>{STATUS_DA[m.status] ?? m.status}</dd>
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
        summary: 'De seneste 200 mails (uden indhold)',
        response: { 200: z.array(mailOut.omit({ body: true, cc: true })), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeOutbox(ctx.actor);
      return (await listOutbox(ctx.db)).map((m) => ({ ...m, to: m.toAddress, createdAt: iso(m.createdAt)!, sentAt: iso(m.sentAt) }));
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
