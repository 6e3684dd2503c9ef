import type { FastifyRequest } from 'fastify';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { formatDate, formatKroner } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { economyDocumentKinds } from '../schema.ts';
import { documentPath, documentTitle, settlementWord } from './content.ts';
import type { EconomyYear, MunicipalDocumentRow } from './queries.ts';

function SharedLinks(): JSX.Element {
  return (
    <>
      <h2>K98-styringen</h2>
      <p>Rådene, møderne og referaterne, og prioriteringspuljen, som alle kommuner kan følge og give input til.</p>
      <ul>
        <li>
          <a href="/styring">K98-styring: råd, møder og referater</a>
        </li>
        <li>
          <a href="/styring/puljen">Prioriteringspuljen: forslag og status</a>
        </li>
      </ul>
    </>
  );
}

const amountText = (d: MunicipalDocumentRow) => (d.kind === 'aarsopgoerelse' ? `${settlementWord(d.totalOre)}: ${formatKroner(Math.abs(d.totalOre))}` : formatKroner(d.totalOre));

/** GET /oekonomi for a municipality's users: its own published documents, newest year first. */
export function MunicipalEconomyPage(p: { request: FastifyRequest; code: string; documents: MunicipalDocumentRow[] }): JSX.Element {
  const name = p.request.actor?.municipalityName ?? '';
  const years = [...new Set(p.documents.map((d) => d.year))];
  return (
    <Layout title="Økonomi" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <h1>Økonomi</h1>
      <p class="font-lead" safe>
        {`${name} Kommunes dokumenter efter K98-aftalen: fakturaen med fordelingen på løsningerne, budgetvejledningen for det kommende år og årsopgørelsen for året før. Kun jeres kommune og KOMBIT kan se dem.`}
      </p>
      <h2>Jeres dokumenter</h2>
      {years.length === 0 ? (
        <p>KOMBIT har endnu ikke offentliggjort nogen dokumenter til jeres kommune.</p>
      ) : (
        <>
          {years.map((year) => (
          <section aria-labelledby={`aar-${year}`}>
            <h3 id={`aar-${year}`} safe>
              {String(year)}
            </h3>
            <ul class="nobullet-list" id={`dokumenter-${year}`}>
              {p.documents
                .filter((d) => d.year === year)
                .sort((a, b) => economyDocumentKinds.indexOf(a.kind) - economyDocumentKinds.indexOf(b.kind))
                .map((d) => (
                  <li class="mb-4">
                    <a href={documentPath(p.code, d.year, d.kind)} safe>
                      {documentTitle(d.kind, d.year)}
                    </a>{' '}
                    {d.firstOpenedAt === null ? <StatusBadge label="Ikke åbnet" variant="info" /> : ''}
                    <br />
                    <span safe>{`${amountText(d)} · offentliggjort ${formatDate(d.publishedAt)}`}</span>
                    {' · '}
                    <a href={`${documentPath(p.code, d.year, d.kind)}.pdf`}>
                      <span class="sr-only" safe>{`${documentTitle(d.kind, d.year)} som `}</span>PDF
                    </a>
                    {' · '}
                    <a href={`${documentPath(p.code, d.year, d.kind)}.xlsx`}>
                      <span class="sr-only" safe>{`${documentTitle(d.kind, d.year)} som regneark, `}</span>XLSX
                    </a>
                  </li>
                ))}
            </ul>
          </section>
          ))}
        </>
      )}
      <SharedLinks />
    </Layout>
  );
}

const PUBLISHED_LABEL = { faktura: 'faktura', budgetvejledning: 'budgetvejledning', aarsopgoerelse: 'årsopgørelse' } as const;

/** GET /oekonomi for central staff: every year the economy has anything for, with its pages. */
export function CentralEconomyPage(p: { request: FastifyRequest; years: EconomyYear[] }): JSX.Element {
  return (
    <Layout title="Økonomi" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <h1>Økonomi</h1>
      <p class="font-lead">
        K98-aftalens økonomi år for år: priserne og fordelingen på kommunerne, omkostningsbudgettet, årets overblik og de dokumenter, hver
        kommune får.
      </p>
      <ul>
        <li>
          <a href="/oekonomi/befolkning">Befolkningstal</a> – importér FOLK1A og vælg periode pr. budgetår
        </li>
      </ul>
      <h2>År</h2>
      {p.years.length === 0 ? (
        <p>Der er endnu ingen priser, befolkningsperioder eller budgetter for noget år.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" id="aar">
            <caption>Årene med priser, budget eller dokumenter, nyeste først</caption>
            <thead>
              <tr>
                <th scope="col">År</th>
                <th scope="col">Sider</th>
                <th scope="col">Offentliggjort</th>
              </tr>
            </thead>
            <tbody>
              {p.years.map((y) => (
                <tr>
                  <th scope="row" safe>
                    {String(y.year)}
                  </th>
                  <td>
                    <ul class="samspil-inline-list" aria-label={`Sider for ${y.year}`}>
                      <li>
                        <a href={`/oekonomi/priser/${y.year}`}>Priser</a>
                      </li>
                      <li>
                        <a href={`/oekonomi/fordeling/${y.year}`}>Fordeling</a>
                      </li>
                      <li>
                        <a href={`/oekonomi/budget/${y.year}`}>Omkostningsbudget</a>
                      </li>
                      <li>
                        <a href={`/oekonomi/aar/${y.year}`}>Årets overblik</a>
                      </li>
                      <li>
                        <a href={`/oekonomi/dokumenter/${y.year}`}>Dokumenter</a>
                      </li>
                    </ul>
                  </td>
                  <td safe>{y.published.length === 0 ? 'Intet' : y.published.map((k) => PUBLISHED_LABEL[k]).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      <SharedLinks />
    </Layout>
  );
}
