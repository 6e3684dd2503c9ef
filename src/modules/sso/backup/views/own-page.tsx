import type { FastifyRequest } from 'fastify';
import { CsrfField, Notice } from '../../../../platform/views/components.tsx';
import { formatDateTime } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { linkWayText, type OwnLink } from '../load-own-link.ts';
import { MITID_LINK_PATH } from '../routes-paths.ts';

/** "Dit reservelogin": whether the user's MitID Erhverv is linked, and the button that links it. */
export function OwnPage(p: { request: FastifyRequest; link: OwnLink; notice?: string | undefined; error?: string | undefined }, ) {
  const { mitid, contextHandler } = p.link;
  return (
    <Layout title="Dit reservelogin" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="profil">
      <h1>Dit reservelogin</h1>
      <p class="font-lead">
        Er Context Handler nede, logger du ind med MitID Erhverv. Det kræver, at dit MitID Erhverv er tilknyttet din bruger i Samspil. Du får de samme roller som ved dit seneste
        log ind med Context Handler.
      </p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.error ? <Notice kind="error" text={p.error} /> : ''}
      {mitid ? (
        <>
          <p>
            <strong>Dit MitID Erhverv er tilknyttet.</strong>
          </p>
          <dl>
            <dt>Identifikator</dt>
            <dd>
              <code safe>{mitid.subject}</code>
            </dd>
            <dt>Tilknyttet</dt>
            <dd safe>{`${formatDateTime(mitid.linkedAt)}, ${linkWayText[mitid.linkedVia]}`}</dd>
            <dt>Seneste log ind med MitID Erhverv</dt>
            <dd>{mitid.lastLoginAt ? formatDateTime(mitid.lastLoginAt) : 'Aldrig'}</dd>
          </dl>
          <p>Skal tilknytningen fjernes eller skiftes, så kontakt din KLIK-administrator.</p>
        </>
      ) : (
        <>
          <p>
            <strong>Dit MitID Erhverv er ikke tilknyttet endnu.</strong>
          </p>
          {contextHandler?.professionalUuidKnown ? (
            <p>Context Handler har oplyst dit MitID Erhverv, så det bliver tilknyttet af sig selv første gang, du logger ind med det. Du kan også tilknytte det nu.</p>
          ) : (
            ''
          )}
          <form method="post" action={MITID_LINK_PATH}>
            <CsrfField token={p.request.csrfToken} />
            <button type="submit" class="button button-primary">
              Tilknyt dit MitID Erhverv
            </button>
          </form>
          <p class="mt-3">Du bliver sendt til MitID Erhverv og tilbage hertil.</p>
        </>
      )}
    </Layout>
  );
}
