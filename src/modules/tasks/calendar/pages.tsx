import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { isCentral } from '../../../platform/context.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { CsrfField, Notice, noticeFor } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { renderFeed } from './feed.ts';
import { createFeed, findFeedUser, getFeed, revokeFeed } from './feed-token.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBody, idParams, pageQuery } from '../../../platform/http/page-schemas.ts';
import { buildTaskPdf } from './task-pdf.ts';
import { formatDateTimeLong } from '../../../platform/views/format.ts';

/**
 * Private calendar feeds (iCal) and the task PDF.
 *
 * - GET /profil/kalender, POST /profil/kalender, POST /profil/kalender/slet: every logged-in user,
 *   for their own feed only (there is no user id in the URL).
 * - GET /kalender/:token.ics: public, authenticated by the secret token alone; an unknown,
 *   replaced or revoked token, or a disabled user or deactivated person, is a plain-text 404.
 * - GET /opgaver/:id/pdf: whoever may read the task (loadTask 'read'), 404 for everyone else.
 */


const NOTICES: Record<string, string> = {
  'slaaet-fra': 'Kalenderen er slået fra. Den gamle adresse virker ikke længere.',
  'ingen-kalender': 'Du havde ingen kalenderadresse, så der var intet at slå fra.',
};

function CalendarPage(p: { request: FastifyRequest; createdAt: Date | null; newUrl?: string; replaced?: boolean; notice?: string | undefined }): JSX.Element {
  const actor = p.request.actor!;
  const csrf = p.request.csrfToken;
  const webcal = p.newUrl ? p.newUrl.replace(/^https?:/, 'webcal:') : undefined;
  return (
    <Layout title="Kalender med dine frister" actor={actor} csrfToken={csrf} nav="profil">
      <p>
        <a href="/profil" class="function-link">
          Tilbage til min profil
        </a>
      </p>
      <h1>Kalender med dine frister</h1>
      <p class="font-lead">
        Med en kalenderadresse kan du se fristerne for dine opgaver i din egen kalender, fx Outlook, Google Kalender eller kalenderen på din
        telefon. Hver frist vises som en heldagsbegivenhed med et link til opgaven i Samspil.
      </p>
      {isCentral(actor) ? (
        <p>
          Kalenderen viser fristerne for alle opgaver fra KOMBIT, der er annonceret eller publiceret (ikke kladder), og hvor mange kommuner der
          har løst dem.
        </p>
      ) : (
        <p>
          Kalenderen viser de samme opgaver som <a href="/opgaver">Mine opgaver</a> – også kommunens lokale opgaver – og de kommende opgaver,
          der er annonceret til dig.
        </p>
      )}
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.newUrl ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-heading">{p.replaced ? 'Du har fået en ny kalenderadresse' : 'Din kalenderadresse er oprettet'}</p>
            <p class="alert-text">
              Kopiér adressen nu – den bliver ikke vist igen.{p.replaced ? ' Den gamle adresse virker ikke længere.' : ''}
            </p>
            <div class="form-group">
              <label class="form-label" for="kalenderadresse">
                Din kalenderadresse
              </label>
              <input class="form-input" id="kalenderadresse" type="text" readonly value={p.newUrl} autocomplete="off" spellcheck="false" />
            </div>
            <p>
              <a href={webcal} class="function-link">
                Åbn adressen i din kalender
              </a>
            </p>
          </div>
        </div>
      ) : (
        ''
      )}
      <h2>Din kalenderadresse</h2>
      {p.createdAt ? (
        <p safe>{`Du har en kalenderadresse, oprettet ${formatDateTimeLong(p.createdAt)}.`}</p>
      ) : (
        <p>Du har ingen kalenderadresse.</p>
      )}
      <div class="samspil-actions">
        <form method="post" action="/profil/kalender" class="samspil-inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="button button-primary">
            {p.createdAt ? 'Lav ny adresse (den gamle holder op med at virke)' : 'Opret kalenderadresse'}
          </button>
        </form>
        {p.createdAt ? (
          <form method="post" action="/profil/kalender/slet" class="samspil-inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="button button-secondary">
              Slå kalenderen fra
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
      <h2>Sådan tilføjer du kalenderen</h2>
      <ul>
        <li>Outlook: Vælg Tilføj kalender, Abonner fra internettet, og indsæt adressen.</li>
        <li>Google Kalender: Vælg Andre kalendere, Fra webadresse, og indsæt adressen.</li>
        <li>iPhone og iPad: Vælg Indstillinger, Kalender, Konti, Tilføj konto, Anden, Tilføj abonnementskalender.</li>
      </ul>
      <p>Kalenderprogrammerne henter ændringer af sig selv, typisk nogle gange i døgnet. Det kan derfor tage lidt tid, før en ny frist ses.</p>
      <h2>Hold adressen for dig selv</h2>
      <p>
        Adressen er personlig og virker uden login. Alle, der kender den, kan se koder, titler, status, ansvarlige og frister på dine opgaver – men ikke
        svar, filer eller beskeder. Hvis andre har fået adressen, så lav en ny; den gamle holder op med at virke med det samme. Adressen holder
        også op med at virke, hvis din bruger bliver deaktiveret.
      </p>
    </Layout>
  );
}

const notFoundText = (reply: FastifyReply) =>
  reply
    .status(404)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send('Kalenderen findes ikke. Adressen kan være slået fra eller erstattet af en ny.\n');

export function registerCalendarPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/profil/kalender', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const feed = await getFeed(ctx.db, ctx.actor.userId);
    const notice = noticeFor(NOTICES, request.query.besked);
    return sendPage(reply, <CalendarPage request={request} createdAt={feed?.createdAt ?? null} notice={notice} />);
  });

  app.post('/profil/kalender', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const created = await createFeed(ctx);
    // The secret address is in this answer only: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <CalendarPage request={request} createdAt={ctx.now} newUrl={created.url} replaced={created.replaced} />);
  });

  app.post('/profil/kalender/slet', { schema: { body: formBody } }, async (request, reply) => {
    const { changed } = await revokeFeed(actorCtx(request));
    return reply.redirect(`/profil/kalender?besked=${changed ? 'slaaet-fra' : 'ingen-kalender'}`, 303);
  });

  // The token's shape is checked by findFeedUser, so a malformed one gets the feed's own plain 404.
  app.get('/kalender/:token.ics', { config: { public: true }, schema: { params: z.object({ token: z.string() }) } }, async (request, reply) => {
    const { token } = request.params;
    const db = app.database.db;
    const userId = await findFeedUser(db, token);
    // A disabled user or a deactivated person has no actor, and so no feed.
    const actor = userId ? await loadActor(db, userId) : null;
    if (!actor) return notFoundText(reply);
    const ics = await renderFeed(db, actor, app.clock(), app.config.publicUrl);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .header('content-disposition', 'inline; filename="samspil-frister.ics"')
      .header('x-robots-tag', 'noindex, nofollow')
      .send(ics);
  });

  app.get('/opgaver/:id/pdf', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    const pdf = await buildTaskPdf(ctx.db, ctx.actor, id, ctx.now);
    return (
      reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.filename}"`)
        // The municipality's answers and named people: no shared cache may keep a copy.
        .header('cache-control', 'private, no-store')
        .send(pdf.content)
    );
  });
}
