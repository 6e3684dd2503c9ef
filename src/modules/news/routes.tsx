import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { danishDay } from '../../platform/days.ts';
import { AppError } from '../../platform/errors.ts';
import { formBody, idParams, pageNumber, pageQuery, queryText } from '../../platform/http/page-schemas.ts';
import { actorCtx, ctxOf, sendPage } from '../../platform/http/request-context.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../platform/views/components.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { registerNewsApi } from './api.ts';
import { registerNewsAttention } from './attention.ts';
import { createEvent } from './create-event.ts';
import { createNewsItem } from './create-news-item.ts';
import { deleteEvent } from './delete-event.ts';
import { deleteNewsItem } from './delete-news-item.ts';
import { atomFeed } from './feed.ts';
import { authorizeNews, canEditNews } from './policy.ts';
import { eventFormValues } from './news-input.ts';
import { feedNews, listEvents, listNews, loadEvent, loadNewsItem, NEWS_PAGE_SIZE, newsFormOptions, solutionOptions } from './queries.ts';
import { eventNotFound, updateEvent } from './update-event.ts';
import { newsNotFound, updateNewsItem } from './update-news-item.ts';
import { EventEditPage } from './views/event-edit-page.tsx';
import { EVENT_NOTICES, EventsPage } from './views/events-page.tsx';
import { NewsFormPage, type FormState } from './views/news-form-page.tsx';
import { NEWS_NOTICES, NewsItemPage, NewsListPage } from './views/news-pages.tsx';

/** 422 and 409 come back as the form with the user's input; anything else is the error page's. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const failed = (values: Record<string, unknown>, e: AppError): FormState => ({
  values,
  errors: Object.keys(e.fieldErrors).length === 0 ? { _: e.message } : e.fieldErrors,
});

async function formPage(request: FastifyRequest, reply: FastifyReply, id: string | null, state: FormState, status = 200) {
  const ctx = actorCtx(request);
  authorizeNews(ctx.actor, 'edit');
  return sendPage(reply, <NewsFormPage request={request} id={id} state={state} options={await newsFormOptions(ctx.db)} />, status);
}

async function eventsPage(request: FastifyRequest, reply: FastifyReply, opts: { form?: FormState; notice?: string | undefined; status?: number } = {}) {
  const ctx = actorCtx(request);
  authorizeNews(ctx.actor, 'read');
  const { upcoming, past } = await listEvents(ctx.db, ctx.now);
  const page = (
    <EventsPage
      request={request}
      upcoming={upcoming}
      past={past}
      canEdit={canEditNews(ctx.actor)}
      form={opts.form ?? { values: {}, errors: {} }}
      notice={noticeFor(EVENT_NOTICES, opts.notice)}
    />
  );
  return sendPage(reply, page, opts.status ?? 200);
}

/** The edit form of an event: what is stored, or what was sent with its errors. */
async function eventEditPage(request: FastifyRequest, reply: FastifyReply, id: string, state?: FormState, status = 200) {
  const ctx = actorCtx(request);
  authorizeNews(ctx.actor, 'edit');
  const e = await loadEvent(ctx.db, id);
  if (!e) throw eventNotFound();
  return sendPage(reply, <EventEditPage request={request} id={id} title={e.title} state={state ?? { values: eventFormValues(e), errors: {} }} />, status);
}

/**
 * "Kort nyt fra KOMBIT" and events (issue #14 points 3 and 4): pages every signed-in user reads,
 * forms for central editors, the Atom feed, the front-page provider and the API.
 */
export function registerNews(root: FastifyInstance): void {
  registerMenuEntry({ key: 'nyt', order: 12, href: '/nyt', label: 'Nyt', visible: () => true });
  registerNewsAttention();
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/nyt', { schema: { querystring: pageQuery({ loesning: queryText, side: pageNumber }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeNews(ctx.actor, 'read');
    const today = danishDay(ctx.now);
    const solution = request.query.loesning || undefined;
    const [{ rows, total }, solutions] = await Promise.all([listNews(ctx.db, ctx.actor, today, { solution, page: request.query.side }), solutionOptions(ctx.db)]);
    const page = (
      <NewsListPage
        request={request}
        rows={rows}
        total={total}
        page={request.query.side}
        size={NEWS_PAGE_SIZE}
        today={today}
        solution={solution}
        solutions={solutions}
        canEdit={canEditNews(ctx.actor)}
        notice={noticeFor(NEWS_NOTICES, request.query.besked)}
      />
    );
    return sendPage(reply, page);
  });

  // Feed readers cannot log in: the feed is public and holds only what is published to all 98
  // municipalities anyway (title, text, solutions, the contact person's name; no e-mail, no drafts).
  app.get('/nyt/feed.atom', { config: { public: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { rows } = await feedNews(ctx.db, danishDay(ctx.now));
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(atomFeed(rows, ctx.config.publicUrl, ctx.now));
  });

  app.get('/nyt/ny', async (request, reply) => formPage(request, reply, null, { values: { publishOn: danishDay(actorCtx(request).now) }, errors: {} }));

  app.post('/nyt', { schema: { body: formBody } }, async (request, reply) => {
    try {
      const r = await createNewsItem(actorCtx(request), request.body, clientKeyOf(request));
      return reply.redirect(`/nyt/${r.id}?besked=oprettet`, 303);
    } catch (error) {
      const e = formError(error);
      return formPage(request, reply, null, failed(request.body, e), e.status);
    }
  });

  app.get('/nyt/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeNews(ctx.actor, 'read');
    const today = danishDay(ctx.now);
    const item = await loadNewsItem(ctx.db, ctx.actor, today, request.params.id);
    if (!item) throw newsNotFound();
    return sendPage(reply, <NewsItemPage request={request} item={item} today={today} canEdit={canEditNews(ctx.actor)} notice={noticeFor(NEWS_NOTICES, request.query.besked)} />);
  });

  app.get('/nyt/:id/rediger', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeNews(ctx.actor, 'edit');
    const item = await loadNewsItem(ctx.db, ctx.actor, danishDay(ctx.now), request.params.id);
    if (!item) throw newsNotFound();
    const values = {
      title: item.title,
      body: item.body,
      contactPersonId: item.contact?.id ?? '',
      publishOn: item.publishOn,
      solutions: item.solutions.map((s) => s.key),
      programmes: item.programmes.map((p) => p.key),
    };
    return formPage(request, reply, item.id, { values, errors: {} });
  });

  app.post('/nyt/:id', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    try {
      const r = await updateNewsItem(actorCtx(request), request.params.id, request.body);
      return reply.redirect(`/nyt/${r.id}?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return formPage(request, reply, request.params.id, failed(request.body, e), e.status);
    }
  });

  app.post('/nyt/:id/slet', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const r = await deleteNewsItem(actorCtx(request), request.params.id);
    return reply.redirect(`/nyt?besked=${r.deleted ? 'slettet' : 'allerede-slettet'}`, 303);
  });

  app.get('/arrangementer', { schema: { querystring: pageQuery({}) } }, async (request, reply) => eventsPage(request, reply, { notice: request.query.besked }));

  app.post('/arrangementer', { schema: { body: formBody } }, async (request, reply) => {
    try {
      await createEvent(actorCtx(request), request.body, clientKeyOf(request));
      return reply.redirect('/arrangementer?besked=oprettet', 303);
    } catch (error) {
      const e = formError(error);
      return eventsPage(request, reply, { form: failed(request.body, e), status: e.status });
    }
  });

  app.get('/arrangementer/:id/rediger', { schema: { params: idParams } }, async (request, reply) => eventEditPage(request, reply, request.params.id));

  app.post('/arrangementer/:id', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    try {
      const r = await updateEvent(actorCtx(request), request.params.id, request.body);
      return reply.redirect(`/arrangementer?besked=${r.changed ? 'rettet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return eventEditPage(request, reply, request.params.id, failed(request.body, e), e.status);
    }
  });

  app.post('/arrangementer/:id/slet', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const r = await deleteEvent(actorCtx(request), request.params.id);
    return reply.redirect(`/arrangementer?besked=${r.deleted ? 'slettet' : 'allerede-slettet'}`, 303);
  });

  registerNewsApi(root);
}
