import type { FastifyRequest } from 'fastify';
import { CsrfField } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { backupReportPath } from '../../paths.ts';
import { adminUnlinkPath } from '../routes-paths.ts';

/** The confirmation before a person's MitID Erhverv link is removed. */
export function UnlinkPage(p: { request: FastifyRequest; code: string; personId: string; name: string; subject: string | null }) {
  return (
    <Layout title="Fjern MitID Erhverv-tilknytning" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <h1>Fjern MitID Erhverv-tilknytning</h1>
      {p.subject ? (
        <>
          <p class="font-lead" safe>{`${p.name} kan derefter ikke logge ind med MitID Erhverv (${p.subject}), før det er tilknyttet igen.`}</p>
          <form method="post" action={adminUnlinkPath(p.code, p.personId)}>
            <CsrfField token={p.request.csrfToken} />
            <button type="submit" class="button button-primary">
              Ja, fjern tilknytningen
            </button>
            <a href={backupReportPath(p.code)} class="button button-secondary ml-3">
              Fortryd
            </a>
          </form>
        </>
      ) : (
        <>
          <p class="font-lead" safe>{`${p.name} har ikke MitID Erhverv tilknyttet.`}</p>
          <p>
            <a href={backupReportPath(p.code)} class="function-link">
              Tilbage til reservelogin
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}
