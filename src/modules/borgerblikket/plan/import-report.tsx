import { Notice } from '../../../platform/views/components.tsx';
import { formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { KlePlanImportResult } from './import-kle-plan.ts';

/** After an upload: what the import did, and every municipality's settings on expired numbers "til gennemgang". */
export function ImportReport(p: { report: KlePlanImportResult }): JSX.Element {
  const r = p.report;
  const plan = `KLE-planen af ${formatDeadline(r.publishedOn)} (${formatNumber(r.mainGroups)} hovedgrupper, ${formatNumber(r.groups)} grupper, ${formatNumber(r.topics)} emner)`;
  const n = r.newlyExpired.length;
  return (
    <section aria-labelledby="rapport">
      <h2 id="rapport">Rapport</h2>
      {r.status === 'uaendret' ? (
        <Notice kind="info" text={`Uændret: ${plan} er allerede indlæst fra netop denne fil. Intet er ændret.`} />
      ) : (
        <Notice kind="success" text={`${plan} er indlæst fra ${r.filename}. ${n === 0 ? 'Ingen numre er udgået siden sidste plan.' : `${formatNumber(n)} ${n === 1 ? 'nummer er' : 'numre er'} udgået siden sidste plan.`}`} />
      )}
      {n > 0 ? (
        <p>
          Udgået siden sidste plan: <span safe>{r.newlyExpired.join(', ')}</span>
        </p>
      ) : (
        ''
      )}
      <h3>Til gennemgang</h3>
      {r.review.length === 0 ? (
        <p>Ingen kommune har indstillinger på udgåede KLE-numre.</p>
      ) : (
        <>
          <p safe>
            {`${formatNumber(r.review.length)} ${r.review.length === 1 ? 'indstilling' : 'indstillinger'} i kommunernes KLE-opsætning står på udgåede numre. Intet er fjernet: kommunen eller KOMBIT gennemgår dem på kommunens KLE-opsætning.`}
          </p>
          <ResponsiveTable>
            <table class="table table--compact">
              <caption>Kommunernes indstillinger på udgåede KLE-numre</caption>
              <thead>
                <tr>
                  <th scope="col">Kommune</th>
                  <th scope="col">KLE-nummer</th>
                  <th scope="col">Titel</th>
                  <th scope="col">Udgået</th>
                </tr>
              </thead>
              <tbody>
                {r.review.map((e) => (
                  <tr>
                    <th scope="row">
                      <a href={`/borgerblikket/kommuner/${e.municipalityCode}`} safe>{`${e.municipalityCode} ${e.municipalityName}`}</a>
                    </th>
                    <td safe>{e.kle}</td>
                    <td safe>{e.title}</td>
                    <td safe>{`${formatDeadline(e.expiredOn)}: ${e.expiredNote}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ResponsiveTable>
        </>
      )}
    </section>
  );
}
