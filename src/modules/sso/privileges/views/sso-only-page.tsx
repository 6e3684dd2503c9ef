import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';

export const SSO_ONLY_NOTICES: Record<string, string> = { gemt: 'Indstillingen er gemt.', uaendret: 'Indstillingen var allerede sådan.' };

/** Whether the municipality's users may log in with a password, and the choice to switch it off. */
export function SsoOnlyPage(p: { request: FastifyRequest; m: { code: string; name: string; ssoOnly: boolean }; notice?: string | undefined; error?: string }): JSX.Element {
  const path = `/kommuner/${p.m.code}/log-ind`;
  return (
    <Layout title={`Log ind – ${p.m.name} Kommune`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <Breadcrumbs trail={[{ href: `/kommuner/${p.m.code}`, label: `${p.m.name} Kommune` }]} current="Log ind" />
      <h1 safe>{`Log ind for ${p.m.name} Kommune`}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={p.error ? { ssoOnly: p.error } : {}} labels={{ ssoOnly: 'Log ind' }} />
      <p class="font-lead" data-sso-only={String(p.m.ssoOnly)}>
        {p.m.ssoOnly
          ? 'Kun single sign-on: kommunens brugere logger ind med Context Handler eller MitID Erhverv. Adgangskoder virker ikke.'
          : 'Kommunens brugere kan logge ind med Context Handler, MitID Erhverv og adgangskode.'}
      </p>
      <form method="post" action={path} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <fieldset>
          <legend class="form-label">Hvordan må kommunens brugere logge ind?</legend>
          <ul class="nobullet-list" id="felt-ssoOnly">
            <li class="form-group-radio">
              <input type="radio" name="ssoOnly" id="felt-ssoOnly-nej" value="nej" class="form-radio" checked={!p.m.ssoOnly} />
              <label for="felt-ssoOnly-nej">Single sign-on og adgangskode</label>
            </li>
            <li class="form-group-radio">
              <input type="radio" name="ssoOnly" id="felt-ssoOnly-ja" value="ja" class="form-radio" checked={p.m.ssoOnly} aria-describedby="felt-ssoOnly-ja-hint" />
              <label for="felt-ssoOnly-ja">Kun single sign-on</label>
              <span class="form-hint" id="felt-ssoOnly-ja-hint">
                Brugerne logger ind med Context Handler, og med MitID Erhverv, når Context Handler er nede. Deres adgangskoder holder op med at
                virke med det samme: den, der er logget ind med adgangskode, bliver logget ud (også dig, hvis du er). Et link til at vælge
                adgangskode fortæller dem det. KOMBITs medarbejdere berøres ikke.
              </span>
            </li>
          </ul>
        </fieldset>
        <button type="submit" class="button button-primary">
          Gem
        </button>
      </form>
    </Layout>
  );
}
