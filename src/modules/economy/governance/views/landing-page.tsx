import type { FastifyRequest } from 'fastify';
import { formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import type { GovernanceAbilities } from '../policy.ts';
import { councilHref, type CouncilSummary, type MeetingSummary } from '../queries.ts';
import { MeetingTable } from './meeting-table.tsx';

function Members(p: { council: CouncilSummary }): JSX.Element {
  const { members, vacant } = p.council;
  const text = `${formatNumber(members)} ${members === 1 ? 'medlem' : 'medlemmer'}`;
  if (vacant === 0) return <span safe>{text}</span>;
  return <span safe>{`${text} (${formatNumber(vacant)} ${vacant === 1 ? 'ledig plads' : 'ledige pladser'})`}</span>;
}

/** What K98-styring is, the councils, the next meetings and the latest minutes, for everyone signed in. */
export function GovernanceLandingPage(p: {
  request: FastifyRequest;
  councils: CouncilSummary[];
  upcoming: MeetingSummary[];
  minutes: MeetingSummary[];
  abilities: GovernanceAbilities;
}): JSX.Element {
  return (
    <Layout title="K98-styring" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <h1>K98-styring</h1>
      <p class="font-lead">
        K98-aftalen samler kommunernes tolv tilslutningsaftaler om KOMBITs fælles it-løsninger i én, og kommunerne styrer den sammen. Porteføljerådet
        prioriterer på tværs af løsningerne og puljen, og et fagråd for hvert forvaltningsområde forbereder sagerne inden for sit område. Rådene mødes
        normalt tre gange om året. Dagsordener, beslutninger og referater ligger her, åbne for alle 98 kommuner.
      </p>
      <p>
        <a href="/styring/puljen" class="function-link">
          Prioriteringspuljen: forslag til forretningsmæssigt vedligehold og udvikling
        </a>
      </p>

      <h2>Rådene</h2>
      <ResponsiveTable>
        <table class="table table--compact">
          <caption>Porteføljerådet først, derefter fagrådene i alfabetisk orden</caption>
          <thead>
            <tr>
              <th scope="col">Råd</th>
              <th scope="col">Område</th>
              <th scope="col">Forperson</th>
              <th scope="col">Medlemmer</th>
            </tr>
          </thead>
          <tbody>
            {p.councils.length === 0 ? (
              <tr>
                <td colspan="4">Der er ikke oprettet nogen råd endnu.</td>
              </tr>
            ) : (
              p.councils.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={councilHref(c.key)} safe>
                      {c.name}
                    </a>
                  </th>
                  <td safe>{c.area ?? 'Alle områder'}</td>
                  <td>{c.chair ? <span safe>{c.chair}</span> : <span class="samspil-vacant">Ikke valgt</span>}</td>
                  <td>
                    <Members council={c} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ResponsiveTable>
      {p.abilities.edit ? (
        <p>
          <a href="/styring/raad/ny" class="button button-secondary">
            Opret råd
          </a>
        </p>
      ) : (
        ''
      )}

      <h2>Næste møder</h2>
      <MeetingTable meetings={p.upcoming} caption="De kommende møder i alle råd, de første først" withCouncil empty="Der er ingen planlagte møder." />

      <h2>Seneste referater</h2>
      <MeetingTable meetings={p.minutes} caption="De seneste møder, hvis referat er lagt på, de nyeste først" withCouncil empty="Der er endnu ingen referater." />
    </Layout>
  );
}
