import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, SESSION_HOURS } from '../../platform/auth/sessions.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { cookieOptions } from '../../platform/http/auth-hook.ts';
import { formBody, idParams, pageQuery, queryText } from '../../platform/http/page-schemas.ts';
import { actorCtx, ctxOf, safeNext, sendPage } from '../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { logIn } from './log-in.ts';
import { logOut } from './log-out.ts';
import { continueToContextHandlerLogout } from '../sso/index.ts';
import { findOpenLink, setPasswordWithLink, ssoOnlyRefusal } from './password-links.ts';
import { formatDateTime } from '../../platform/views/format.ts';

const loginQuery = pageQuery({ next: queryText });
// A link's token is looked up as given; an unknown or malformed one is the same expired link.
const linkParams = z.object({ token: z.string() });

function LoginPage(p: { request: FastifyRequest; errors?: FieldErrors; email?: string; next: string; notice?: string }) {
  const { saml, oidc } = p.request.server.config;
  return (
    <Layout title="Log ind" actor={null} csrfToken={p.request.csrfToken}>
      <div class="row">
        <div class="col-12 col-md-8 col-lg-6">
          <h1>Log ind i Samspil</h1>
          {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
          <ErrorSummary errors={p.errors ?? {}} labels={{ email: 'E-mail', password: 'Adgangskode' }} />
          {saml || oidc ? (
            <section aria-labelledby="sso-heading" class="mb-7">
              <h2 id="sso-heading" class="h3">
                Log ind med din arbejdsidentitet
              </h2>
              <p>Medarbejdere i kommunerne logger ind gennem Context Handler. Er Context Handler nede, bruger du MitID Erhverv.</p>
              <ul class="nobullet-list">
                {saml ? (
                  <li class="mb-3">
                    <a href={`/saml/login?next=${encodeURIComponent(p.next)}`} class="button button-primary">
                      Log ind med Context Handler
                    </a>
                  </li>
                ) : (
                  ''
                )}
                {oidc ? (
                  <li>
                    <a href={`/mitid-erhverv/login?next=${encodeURIComponent(p.next)}`} class="button button-secondary">
                      Log ind med MitID Erhverv
                    </a>
                  </li>
                ) : (
                  ''
                )}
              </ul>
            </section>
          ) : (
            ''
          )}
          {saml || oidc ? (
            <h2 class="h3">Log ind med adgangskode</h2>
          ) : (
            ''
          )}
          <form method="post" action={`/login?next=${encodeURIComponent(p.next)}`} novalidate>
            <CsrfField token={p.request.csrfToken} />
            <TextField name="email" label="E-mail" type="email" autocomplete="username" value={p.email} error={p.errors?.email} required />
            <TextField name="password" label="Adgangskode" type="password" autocomplete="current-password" error={p.errors?.password} required />
            <button type="submit" class="button button-primary">
              Log ind
            </button>
          </form>
          <p class="mt-6">
            <a href="/glemt-adgangskode" class="function-link">
              Glemt adgangskode?
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

function SetPasswordPage(p: { request: FastifyRequest; token: string; name: string; errors?: FieldErrors }) {
  return (
    <Layout title="Vælg adgangskode" actor={null} csrfToken={p.request.csrfToken}>
      <h1>Vælg adgangskode</h1>
      <p safe>{`Hej ${p.name}. Vælg en adgangskode på mindst 10 tegn.`}</p>
      <ErrorSummary errors={p.errors ?? {}} labels={{ password: 'Ny adgangskode', confirm: 'Gentag adgangskode' }} />
      <form method="post" action={`/adgangskode/${encodeURIComponent(p.token)}`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="password" label="Ny adgangskode" type="password" autocomplete="new-password" error={p.errors?.password} required />
        <TextField name="confirm" label="Gentag adgangskode" type="password" autocomplete="new-password" error={p.errors?.confirm} required />
        <button type="submit" class="button button-primary">
          Gem adgangskode
        </button>
      </form>
    </Layout>
  );
}

/** A set-password link of a user whose municipality uses single sign-on only: no password can be chosen. */
function PasswordsOffPage(p: { request: FastifyRequest; message: string }) {
  return (
    <Layout title="Adgangskoder er slået fra" actor={null} csrfToken={p.request.csrfToken}>
      <h1>Adgangskoder er slået fra</h1>
      <p class="font-lead" safe>
        {p.message}
      </p>
      <p>
        <a href="/login" class="button button-primary">
          Til log ind
        </a>
      </p>
    </Layout>
  );
}

export function registerAuthPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/login', { config: { public: true }, schema: { querystring: loginQuery } }, async (request, reply) => {
    const q = request.query;
    if (request.actor) return reply.redirect(safeNext(q.next), 303);
    const notice =
      q.besked === 'adgangskode'
        ? 'Din adgangskode er gemt. Du kan nu logge ind.'
        : q.besked === 'logget-ud'
          ? 'Du er logget ud af Samspil og Context Handler.'
          : undefined;
    return sendPage(reply, <LoginPage request={request} next={safeNext(q.next)} notice={notice} />);
  });

  app.post('/login', { config: { public: true }, schema: { querystring: loginQuery, body: formBody } }, async (request, reply) => {
    const body = request.body;
    const next = safeNext(request.query.next);
    const email = typeof body.email === 'string' ? body.email : '';
    try {
      const { id } = await logIn(ctxOf(request), body, { ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions(request), maxAge: SESSION_HOURS * 3600 });
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 429) throw error;
      const page = <LoginPage request={request} errors={error.fieldErrors} email={email} next={next} />;
      return sendPage(reply, page, error.status === 401 || error.status === 403 ? error.status : 422);
    }
  });

  app.post('/logout', { config: { public: true } }, async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    const login = request.login;
    if (sid) await logOut(ctxOf(request), sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // A Context Handler session ends here first, then goes on to the IdP's single logout.
    if (login?.method === 'context-handler') {
      const sent = await continueToContextHandlerLogout(request, reply, login);
      if (sent) return sent;
    }
    return reply.redirect('/login', 303);
  });

  app.get('/glemt-adgangskode', { config: { public: true } }, async (request, reply) =>
    sendPage(
      reply,
      <Layout title="Glemt adgangskode" actor={request.actor} csrfToken={request.csrfToken}>
        <h1>Glemt adgangskode</h1>
        <p class="font-lead">
          Kontakt din kommunes KLIK-administrator eller programleder. De kan sende dig et link, så du kan vælge en ny
          adgangskode. Medarbejdere i KOMBIT kontakter en administrator i KOMBIT.
        </p>
        <p>Linket virker én gang og udløber efter 72 timer.</p>
        <p>
          <a href="/login" class="function-link">
            Tilbage til log ind
          </a>
        </p>
      </Layout>,
    ),
  );

  app.get('/adgangskode/:token', { config: { public: true }, schema: { params: linkParams } }, async (request, reply) => {
    const { token } = request.params;
    const link = await findOpenLink(ctxOf(request), token);
    if (!link) throw new AppError(404, 'not_found', 'Linket er udløbet eller allerede brugt. Bed din administrator om et nyt.');
    // A municipality set to "SSO only": the page says so and offers no form (the link stays unused).
    if (link.ssoOnly) return sendPage(reply, <PasswordsOffPage request={request} message={ssoOnlyRefusal(link.municipalityName).message} />);
    return sendPage(reply, <SetPasswordPage request={request} token={token} name={link.name} />);
  });

  app.post('/adgangskode/:token', { config: { public: true }, schema: { params: linkParams, body: formBody } }, async (request, reply) => {
    const { token } = request.params;
    try {
      await setPasswordWithLink(ctxOf(request), token, request.body);
      return reply.redirect('/login?besked=adgangskode', 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'sso_only') return sendPage(reply, <PasswordsOffPage request={request} message={error.message} />, 403);
      if (error.status !== 422 && error.status !== 409) throw error;
      const link = await findOpenLink(ctxOf(request), token);
      const errors = error.status === 409 ? { _: error.message } : error.fieldErrors;
      return sendPage(reply, <SetPasswordPage request={request} token={token} name={link?.name ?? ''} errors={errors} />, error.status);
    }
  });

  app.get('/profil', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const tokens = await listApiTokens(ctx);
    const q = request.query;
    return sendPage(reply, <ProfilePage request={request} tokens={tokens} revoked={q.besked === 'tilbagekaldt'} />);
  });

  app.post('/profil/noegler', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      const created = await createApiToken(ctx, request.body);
      const tokens = await listApiTokens(ctx);
      return sendPage(reply, <ProfilePage request={request} tokens={tokens} newToken={created.token} />);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const tokens = await listApiTokens(ctx);
      return sendPage(reply, <ProfilePage request={request} tokens={tokens} errors={error.fieldErrors} />, 422);
    }
  });

  app.post('/profil/noegler/:id/tilbagekald', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    await revokeApiToken(actorCtx(request), request.params.id);
    return reply.redirect('/profil?besked=tilbagekaldt', 303);
  });
}

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
const fmt = (d: Date | null) => (d ? formatDateTime(d) : '–');

function ProfilePage(p: { request: FastifyRequest; tokens: TokenRow[]; newToken?: string; errors?: FieldErrors; revoked?: boolean }) {
  const actor = p.request.actor!;
  return (
    <Layout title="Min profil" actor={actor} csrfToken={p.request.csrfToken} nav="profil">
      <h1 safe>{actor.name}</h1>
      <p safe>{`${actor.email} · ${actor.municipalityName ? `${actor.municipalityName} Kommune` : 'KOMBIT'}`}</p>
      <h2>Indstillinger</h2>
      <ul class="nobullet-list">
        <li>
          <a href="/profil/notifikationer" class="function-link">
            Mails om opgaver: enkeltvis eller som daglig oversigt
          </a>
        </li>
        <li>
          <a href="/profil/kalender" class="function-link">
            Kalenderadresse med dine opgavers frister
          </a>
        </li>
        {p.request.server.config.oidc ? (
          <li>
            <a href="/mitid-erhverv" class="function-link">
              Dit reservelogin: MitID Erhverv, når Context Handler er nede
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      <h2>Personlige API-nøgler</h2>
      <p>
        En API-nøgle giver adgang til Samspils API med dine rettigheder. Send den som{' '}
        {/* Written as entities in a string: JSX text would turn &lt; back into a tag the browser swallows. */}
        <code>{'Authorization: Bearer &lt;nøgle&gt;'}</code>. Se <a href="/api/docs">API-dokumentationen</a>.
      </p>
      {p.newToken ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-heading">Nøglen er oprettet</p>
            <p class="alert-text">Kopiér den nu – den bliver ikke vist igen:</p>
            <p>
              <code id="ny-noegle" safe>
                {p.newToken}
              </code>
            </p>
          </div>
        </div>
      ) : (
        ''
      )}
      {p.revoked ? <Notice kind="success" text="Nøglen er tilbagekaldt." /> : ''}
      <ErrorSummary errors={p.errors ?? {}} labels={{ name: 'Navn på nøglen' }} />
      <form method="post" action="/profil/noegler" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="name" label="Navn på nøglen" hint="Fx 'Integration til vores ESDH'" error={p.errors?.name} required />
        <button type="submit" class="button button-secondary">
          Opret API-nøgle
        </button>
      </form>
      <table class="table table--compact mt-6">
        <caption class="sr-only">Dine API-nøgler</caption>
        <thead>
          <tr>
            <th scope="col">Navn</th>
            <th scope="col">Begynder med</th>
            <th scope="col">Oprettet</th>
            <th scope="col">Senest brugt</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.tokens.length === 0 ? (
            <tr>
              <td colspan="5">Du har ingen API-nøgler.</td>
            </tr>
          ) : (
            p.tokens.map((t) => (
              <tr>
                <td safe>{t.name}</td>
                <td>
                  <code safe>{`${t.prefix}…`}</code>
                </td>
                <td safe>{fmt(t.createdAt)}</td>
                <td safe>{fmt(t.lastUsedAt)}</td>
                <td>
                  {t.revokedAt ? (
                    <span safe>{`Tilbagekaldt ${fmt(t.revokedAt)}`}</span>
                  ) : (
                    <form method="post" action={`/profil/noegler/${t.id}/tilbagekald`} class="samspil-inline-form">
                      <CsrfField token={p.request.csrfToken} />
                      <button type="submit" class="button button-tertiary">
                        Tilbagekald <span class="sr-only" safe>{t.name}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Layout>
  );
}
