import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../platform/views/layout.tsx';

/** Context Handler is not configured on this server: the SAML addresses exist but lead nowhere. */
export function NotSetUpPage(p: { request: FastifyRequest }): JSX.Element {
  return (
    <Layout title="Context Handler er ikke sat op" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>Context Handler er ikke sat op på denne server</h1>
      <p class="font-lead">Log ind med Context Handler er ikke slået til her. Brug en anden måde at logge ind på.</p>
      <p>
        <a href="/login" class="function-link">
          Til log ind
        </a>
      </p>
    </Layout>
  );
}

/** A login or logout message from Context Handler that was refused, with what the user can do. */
export function RefusedPage(p: { request: FastifyRequest; message: string; logout?: boolean }): JSX.Element {
  const title = p.logout ? 'Logud fra Context Handler mislykkedes' : 'Log ind med Context Handler mislykkedes';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>{title}</h1>
      <div class="alert alert-error" role="alert">
        <div class="alert-body">
          <p class="alert-text" safe>
            {p.message}
          </p>
        </div>
      </div>
      {p.logout ? (
        <p>Du er logget ud af Samspil på denne computer. Luk browseren for at være sikker på, at du også er logget ud af Context Handler.</p>
      ) : (
        <p>Kontakt din KLIK-administrator, hvis det bliver ved med at ske.</p>
      )}
      <p>
        <a href="/login" class="button button-primary">
          Til log ind
        </a>
      </p>
    </Layout>
  );
}

/**
 * After a Context Handler session ends here, the browser continues to the IdP's single logout.
 * A redirect cannot do it: the logout is a form POST, and the pages' form-action 'self' policy
 * makes browsers drop a form's redirect to another site; a Refresh header is a new navigation.
 */
export function ContinueLogoutPage(p: { url: string }): JSX.Element {
  return (
    <Layout title="Du er logget ud" actor={null}>
      <h1>Du er logget ud af Samspil</h1>
      <p class="font-lead">Vi sender dig videre til Context Handler, så du også bliver logget ud dér.</p>
      <p>
        <a href={p.url} class="button button-primary">
          Fortsæt til Context Handler
        </a>
      </p>
    </Layout>
  );
}
