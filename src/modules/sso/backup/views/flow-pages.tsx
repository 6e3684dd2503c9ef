import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../../platform/views/layout.tsx';
import { SAML_LOGIN_PATH } from '../../paths.ts';

type P = { request: FastifyRequest };

function Back(p: P & { next?: string }) {
  const saml = p.request.server.config.saml;
  return (
    <ul class="nobullet-list">
      {saml ? (
        <li class="mb-3">
          <a href={`${SAML_LOGIN_PATH}?next=${encodeURIComponent(p.next ?? '/')}`} class="button button-primary">
            Log ind med Context Handler
          </a>
        </li>
      ) : (
        ''
      )}
      <li>
        <a href="/login" class="function-link">
          Til log ind
        </a>
      </li>
    </ul>
  );
}

/** 404 while the server has no MitID Erhverv broker configured. */
export function NotSetUpPage(p: P) {
  return (
    <Layout title="MitID Erhverv er ikke sat op" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>MitID Erhverv er ikke sat op på denne server</h1>
      <p class="font-lead">Log ind med MitID Erhverv som reservelogin er ikke slået til her. Brug Context Handler eller din adgangskode.</p>
      <Back request={p.request} />
    </Layout>
  );
}

/** 503 while the broker's metadata cannot be fetched. */
export function UnavailablePage(p: P & { next?: string }) {
  return (
    <Layout title="MitID Erhverv kan ikke nås" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>MitID Erhverv kan ikke nås lige nu</h1>
      <p class="font-lead">Samspil kan ikke få forbindelse til MitID Erhverv. Prøv igen om lidt, eller log ind med Context Handler.</p>
      <Back request={p.request} next={p.next} />
    </Layout>
  );
}

/** A refused or broken round trip: a reused state, another browser's, a cancelled login, an answer that does not verify. */
export function RefusedPage(p: P & { message: string }) {
  return (
    <Layout title="Log ind med MitID Erhverv mislykkedes" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>Log ind med MitID Erhverv mislykkedes</h1>
      <p class="font-lead" safe>
        {p.message}
      </p>
      <Back request={p.request} />
    </Layout>
  );
}

/** A MitID Erhverv that matches nobody: the identifier to give the KLIK-administrator, and the primary login. */
export function NotLinkedPage(p: P & { subject: string; next: string }) {
  return (
    <Layout title="MitID Erhverv er ikke tilknyttet" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>Dit MitID Erhverv er ikke tilknyttet en bruger i Samspil endnu</h1>
      <p class="font-lead">
        Du er logget ind hos MitID Erhverv, men Samspil ved endnu ikke, hvilken bruger det hører til. Vi finder aldrig brugeren ud fra navnet.
      </p>
      <h2 class="h3">Sådan bliver det tilknyttet</h2>
      <ul>
        <li>
          Giv din kommunes KLIK-administrator denne identifikator, så kan de tilknytte den til din bruger:
          <p class="mt-3">
            <code id="mitid-identifikator" safe>
              {p.subject}
            </code>
          </p>
        </li>
        <li>Eller log ind med Context Handler og tilknyt dit MitID Erhverv under «Dit reservelogin» på din profil.</li>
      </ul>
      <Back request={p.request} next={p.next} />
    </Layout>
  );
}
