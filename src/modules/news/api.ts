import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { danishDay } from '../../platform/days.ts';
import { notFound } from '../../platform/errors.ts';
import { apiBody, errorResponses, uuidParam } from '../../platform/http/api-schemas.ts';
import { pageNumber } from '../../platform/http/page-schemas.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { renderMarkdown } from '../tasks/index.ts';
import { createEvent } from './create-event.ts';
import { createNewsItem } from './create-news-item.ts';
import { deleteEvent } from './delete-event.ts';
import { deleteNewsItem } from './delete-news-item.ts';
import { authorizeNews } from './policy.ts';
import { listEvents, listNews, loadEvent, loadNewsItem, NEWS_PAGE_SIZE, type EventRow, type NewsRow } from './queries.ts';
import { newsNotFound, updateNewsItem } from './update-news-item.ts';
import { eventNotFound, updateEvent } from './update-event.ts';

const tags = ['Nyt'];
const editors = 'Kun KOMBITs administratorer og konsulenter skriver (ellers 403).';
const ref = z.object({ key: z.string(), name: z.string() });

const newsOut = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().describe('Markdown'),
    bodyHtml: z.string().describe('Teksten som sikker HTML (ingen rå HTML fra forfatteren)'),
    publishOn: z.string().describe('Dagen, nyheden vises fra, åååå-mm-dd; en senere dag: kladde, som kun KOMBIT ser'),
    published: z.boolean(),
    contact: z.object({ name: z.string(), title: z.string(), email: z.string() }).nullable(),
    solutions: z.array(ref),
    programmes: z.array(ref),
    url: z.string(),
  })
  .meta({ id: 'NewsItem' });

const eventOut = z
  .object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string().describe('ISO 8601'),
    place: z.string(),
    participants: z.string(),
    link: z.string().nullable(),
    description: z.string(),
  })
  .meta({ id: 'Event' });

const newsBody = z.object({
  title: z.string(),
  body: z.string().optional().describe('Markdown'),
  contactPersonId: z.string().nullable().optional().describe('En aktiv KOMBIT-medarbejders person-id'),
  solutions: z.array(z.string()).optional().describe('Løsningernes nøgler, fx aula'),
  programmes: z.array(z.string()).optional().describe('Programmernes nøgler, fx valg-2025'),
  publishOn: z.string().describe('åååå-mm-dd'),
});

const eventBody = z.object({
  date: z.string().describe('åååå-mm-dd'),
  time: z.string().describe('tt.mm, dansk tid'),
  title: z.string(),
  place: z.string().optional(),
  participants: z.string().optional(),
  link: z.string().nullable().optional(),
  description: z.string().optional(),
});

const toNews = (r: NewsRow, today: string) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  bodyHtml: renderMarkdown(r.body),
  publishOn: r.publishOn,
  published: r.publishOn <= today,
  contact: r.contact ? { name: r.contact.name, title: r.contact.title, email: r.contact.email } : null,
  solutions: r.solutions,
  programmes: r.programmes,
  url: `/nyt/${r.id}`,
});
const toEvent = (e: EventRow) => ({ id: e.id, title: e.title, startsAt: e.startsAt.toISOString(), place: e.place, participants: e.participants, link: e.link, description: e.description });

export function registerNewsApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/news',
    {
      schema: {
        tags,
        summary: 'Kort nyt: de offentliggjorte nyheder, nyeste først',
        description: `Sidevis med ${NEWS_PAGE_SIZE} pr. side. KOMBITs medarbejdere får også nyheder, der venter på deres dag (published: false).`,
        querystring: z.object({ solution: z.string().max(100).optional().describe('Kun nyheder om løsningen, fx aula'), page: pageNumber.optional() }),
        response: { 200: z.object({ items: z.array(newsOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeNews(ctx.actor, 'read');
      const today = danishDay(ctx.now);
      const page = request.query.page ?? 1;
      const { rows, total } = await listNews(ctx.db, ctx.actor, today, { solution: request.query.solution, page });
      return { items: rows.map((r) => toNews(r, today)), total, page, pageSize: NEWS_PAGE_SIZE };
    },
  );

  app.get(
    '/api/v1/news/:id',
    { schema: { tags, summary: 'Én nyhed', params: z.object({ id: uuidParam }), response: { 200: newsOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeNews(ctx.actor, 'read');
      const today = danishDay(ctx.now);
      const item = await loadNewsItem(ctx.db, ctx.actor, today, request.params.id);
      if (!item) throw newsNotFound();
      return toNews(item, today);
    },
  );

  app.post(
    '/api/v1/news',
    {
      schema: {
        tags,
        summary: 'Skriv en nyhed',
        description: `Samme Idempotency-Key og indhold igen skriver intet nyt og svarer med den samme nyhed. ${editors}`,
        body: apiBody(newsBody),
        response: { 201: newsOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await createNewsItem(ctx, request.body, clientKeyOf(request));
      const today = danishDay(ctx.now);
      const item = await loadNewsItem(ctx.db, ctx.actor, today, r.id);
      if (!item) throw newsNotFound();
      return reply.status(201).send(toNews(item, today));
    },
  );

  app.put(
    '/api/v1/news/:id',
    { schema: { tags, summary: 'Ret en nyhed', description: `Løsninger og programmer erstattes af dem, der sendes. ${editors}`, params: z.object({ id: uuidParam }), body: apiBody(newsBody), response: { 200: newsOut, ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      await updateNewsItem(ctx, request.params.id, request.body);
      const today = danishDay(ctx.now);
      const item = await loadNewsItem(ctx.db, ctx.actor, today, request.params.id);
      if (!item) throw newsNotFound();
      return toNews(item, today);
    },
  );

  app.delete(
    '/api/v1/news/:id',
    { schema: { tags, summary: 'Slet en nyhed', description: `En nyhed, der allerede er slettet, svarer også 204. ${editors}`, params: z.object({ id: uuidParam }), response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteNewsItem(actorCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/events',
    { schema: { tags, summary: 'Arrangementer: kommende først (nærmeste først), så afholdte (seneste først)', response: { 200: z.object({ upcoming: z.array(eventOut), past: z.array(eventOut) }), ...errorResponses } } },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeNews(ctx.actor, 'read');
      const { upcoming, past } = await listEvents(ctx.db, ctx.now);
      return { upcoming: upcoming.map(toEvent), past: past.map(toEvent) };
    },
  );

  app.post(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Tilføj et arrangement',
        description: `Samme Idempotency-Key og indhold igen tilføjer intet nyt. ${editors}`,
        body: apiBody(eventBody),
        response: { 201: eventOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await createEvent(ctx, request.body, clientKeyOf(request));
      const e = await loadEvent(ctx.db, r.id);
      if (!e) throw notFound('Arrangementet findes ikke.');
      return reply.status(201).send(toEvent(e));
    },
  );

  app.put(
    '/api/v1/events/:id',
    {
      schema: {
        tags,
        summary: 'Ret et arrangement',
        description: `Samme regler som et nyt arrangement. Uændrede værdier skriver intet. ${editors}`,
        params: z.object({ id: uuidParam }),
        body: apiBody(eventBody),
        response: { 200: eventOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      await updateEvent(ctx, request.params.id, request.body);
      const e = await loadEvent(ctx.db, request.params.id);
      if (!e) throw eventNotFound();
      return toEvent(e);
    },
  );

  app.delete(
    '/api/v1/events/:id',
    { schema: { tags, summary: 'Slet et arrangement', description: `Et arrangement, der allerede er slettet, svarer også 204. ${editors}`, params: z.object({ id: uuidParam }), response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteEvent(actorCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
