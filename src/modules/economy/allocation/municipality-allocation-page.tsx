import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../platform/views/components.tsx';
import { formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { MunicipalityAllocation } from './load-allocation.ts';

export type MunicipalityAllocationPageProps = {
  request: FastifyRequest;
  year: number;
  municipality: { code: string; name: string };
  /** The municipality's lines, or why there are none (the year has no population). */
  share: { period: string; m: MunicipalityAllocation } | { missing: string };
};

/** One municipality's share of the year: a line per price model of every solution, with its calculation. */
export function MunicipalityAllocationPage(p: MunicipalityAllocationPageProps): JSX.Element {
  const share = 'missing' in p.share ? null : p.share;
  const heading = `Fordeling ${p.year}: ${p.municipality.name}`;
  return (
    <Layout title={`${heading} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <h1 safe>{heading}</h1>
      <p>
        <a href={`/oekonomi/fordeling/${p.year}#kommune-${p.municipality.code}`} class="function-link" safe>{`Alle kommuner ${p.year}`}</a>
      </p>
      {share ? (
        <>
          <p class="font-lead" safe>{`${p.municipality.name} har ${formatNumber(share.m.population)} indbyggere (${share.period}) og betaler ${formatKroner(share.m.amountOre)} i ${p.year}.`}</p>
          {share.m.lines.length === 0 ? (
            <p safe>{`Der er ingen priser for ${p.year}.`}</p>
          ) : (
            <ResponsiveTable>
              <table class="table table--compact table--zebra">
                <caption safe>{`${p.municipality.name}s linjer ${p.year}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Løsning</th>
                    <th scope="col">Linje</th>
                    <th scope="col">Beregning</th>
                    <th scope="col" class="align-text-right">
                      Beløb
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {share.m.lines.map((l) => (
                    <tr>
                      <th scope="row">
                        <a href={`/oekonomi/fordeling/${p.year}?loesning=${encodeURIComponent(l.solution)}#kommune-${p.municipality.code}`} safe>
                          {l.solutionName}
                        </a>
                      </th>
                      <td safe>{l.model}</td>
                      <td safe>{l.calculation}</td>
                      <td class="align-text-right" safe>
                        {formatKroner(l.amountOre)}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row" colspan="3">
                      I alt
                    </th>
                    <td class="align-text-right">
                      <strong safe>{formatKroner(share.m.amountOre)}</strong>
                    </td>
                  </tr>
                </tbody>
              </table>
            </ResponsiveTable>
          )}
        </>
      ) : (
        <>
          <Notice kind="warning" text={'missing' in p.share ? p.share.missing : ''} />
          <p>
            <a href="/oekonomi/befolkning">Vælg befolkningstal for året</a>
          </p>
        </>
      )}
    </Layout>
  );
}
