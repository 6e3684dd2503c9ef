import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, FileField } from '../../../platform/views/components.tsx';
import { formatDateTime, formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { LineErrorTable, lineErrors } from '../../../platform/views/line-errors.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { KlePlanImportResult } from './import-kle-plan.ts';
import { ImportReport } from './import-report.tsx';
import type { KleNumberRow, KlePlanImportSummary } from './load-plan.ts';

export type PlanPageProps = {
  request: FastifyRequest;
  latest: KlePlanImportSummary | null;
  numbers: KleNumberRow[];
  /** The main group shown in full ("27"); none: the overview of main groups. */
  mainGroup: string | undefined;
  canImport: boolean;
  report?: KlePlanImportResult;
  errors?: FieldErrors;
  message?: string;
  requestKey?: unknown;
};

function Expired(p: { n: KleNumberRow }): JSX.Element {
  if (!p.n.expiredOn) return <>I kraft</>;
  return (
    <>
      <StatusBadge label="Udgået" variant="warning" /> <span safe>{`${formatDeadline(p.n.expiredOn)}: ${p.n.expiredNote ?? 'Udgået i KLE'}`}</span>
    </>
  );
}

/** The main groups with their counts, each a link to its groups and topics. */
function Overview(p: { numbers: KleNumberRow[] }): JSX.Element {
  const mains = p.numbers.filter((n) => n.level === 'hovedgruppe');
  const under = (main: string, level: KleNumberRow['level']) => p.numbers.filter((n) => n.level === level && n.number.startsWith(`${main}.`));
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption>Hovedgrupper</caption>
        <thead>
          <tr>
            <th scope="col">Nr.</th>
            <th scope="col">Titel</th>
            <th scope="col" class="text-align-right">Grupper</th>
            <th scope="col" class="text-align-right">Emner</th>
            <th scope="col" class="text-align-right">Heraf udgåede emner</th>
          </tr>
        </thead>
        <tbody>
          {mains.map((m) => {
            const topics = under(m.number, 'emne');
            return (
              <tr>
                <th scope="row">
                  <a href={`/borgerblikket/kle?hovedgruppe=${m.number}`} safe>
                    {m.number}
                  </a>
                </th>
                <td>
                  <span safe>{m.title}</span> {m.expiredOn ? <StatusBadge label="Udgået" variant="warning" /> : ''}
                </td>
                <td class="text-align-right" safe>{formatNumber(under(m.number, 'gruppe').length)}</td>
                <td class="text-align-right" safe>{formatNumber(topics.length)}</td>
                <td class="text-align-right" safe>{formatNumber(topics.filter((t) => t.expiredOn).length)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** One main group: each group as a heading over a table of its topics. */
function MainGroup(p: { main: KleNumberRow; numbers: KleNumberRow[] }): JSX.Element {
  const groups = p.numbers.filter((n) => n.level === 'gruppe' && n.parent === p.main.number);
  return (
    <>
      <h2 safe>{`${p.main.number} ${p.main.title}`}</h2>
      {p.main.expiredOn ? <Expired n={p.main} /> : ''}
      {groups.length === 0 ? <p>Hovedgruppen har ingen grupper.</p> : ''}
      {groups.map((gr) => {
        const topics = p.numbers.filter((n) => n.level === 'emne' && n.parent === gr.number);
        return (
          <section aria-labelledby={`gruppe-${gr.number}`}>
            <h3 id={`gruppe-${gr.number}`} safe>
              {`${gr.number} ${gr.title}`}
            </h3>
            {gr.expiredOn ? (
              <p>
                <Expired n={gr} />
              </p>
            ) : (
              ''
            )}
            <ResponsiveTable>
              <table class="table table--compact">
                <caption class="sr-only" safe>{`Emner i gruppe ${gr.number}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nr.</th>
                    <th scope="col">Titel</th>
                    <th scope="col">Oprettet</th>
                    <th scope="col">Rettet</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {topics.map((t) => (
                    <tr>
                      <th scope="row" safe>
                        {t.number}
                      </th>
                      <td safe>{t.title}</td>
                      <td>{t.createdOn ? formatDeadline(t.createdOn) : ''}</td>
                      <td>{t.changedOn ? formatDeadline(t.changedOn) : ''}</td>
                      <td>
                        <Expired n={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ResponsiveTable>
          </section>
        );
      })}
    </>
  );
}

/**
 * /borgerblikket/kle: the plan in force (main groups, then one main group's groups and topics,
 * expired numbers marked), the newest import, and for central editors the upload of a new plan
 * with its report.
 */
export function PlanPage(p: PlanPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const { lines, labels } = lineErrors(errors);
  const main = p.mainGroup ? p.numbers.find((n) => n.level === 'hovedgruppe' && n.number === p.mainGroup) : undefined;
  const l = p.latest;
  const lead = l
    ? `Planen af ${formatDeadline(l.publishedOn)} (KL's udgivelsesdato) med ${formatNumber(l.mainGroups)} hovedgrupper, ${formatNumber(l.groups)} grupper og ${formatNumber(l.topics)} emner. Indlæst ${formatDateTime(l.importedAt)}${l.importedByName ? ` af ${l.importedByName}` : ' fra kommandolinjen'} fra filen ${l.filename}.`
    : 'Der er ikke indlæst nogen KLE-plan endnu.';
  return (
    <Layout title="KLE-planen – Borgerblikket" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs trail={main ? [{ href: '/borgerblikket', label: 'Borgerblikket' }, { href: '/borgerblikket/kle', label: 'KLE-planen' }] : [{ href: '/borgerblikket', label: 'Borgerblikket' }]} current={main ? `${main.number} ${main.title}` : 'KLE-planen'} />
      <h1>KLE-planen</h1>
      <ErrorSummary errors={p.message ? { _: p.message, ...errors } : errors} labels={labels} />
      {p.report ? <ImportReport report={p.report} /> : ''}
      <p class="font-lead" safe>
        {lead}
      </p>
      <p>Et udgået KLE-nummer slettes aldrig: kommunernes indstillinger på det bevares og vises til gennemgang på kommunens KLE-opsætning.</p>
      {main ? <MainGroup main={main} numbers={p.numbers} /> : p.numbers.length > 0 ? <Overview numbers={p.numbers} /> : ''}
      {p.canImport ? (
        <section aria-labelledby="indlaes">
          <h2 id="indlaes">Indlæs en ny plan</h2>
          <p>
            KL's emneplan i formatet KLE-XML (rodelementet KLE-Emneplan med UdgivelsesDato, Hovedgruppe, Gruppe og Emne). Numre, titler og datoer opdateres; numre, som
            planen markerer som historiske eller ikke længere har med, markeres som udgåede. Samme fil to gange ændrer intet, og en plan, der er ældre end den nyeste
            indlæste, afvises. Er der fejl i filen, ændres intet, og du får en liste over fejlene med linjenumre.
          </p>
          <LineErrorTable lines={lines} noun={['linje', 'linjer']} />
          <form method="post" action="/borgerblikket/kle/import" enctype="multipart/form-data" novalidate>
            <CsrfField token={p.request.csrfToken} />
            <RequestKeyField value={p.requestKey} />
            <FileField name="fil" label="KLE-plan (XML)" accept=".xml,application/xml,text/xml" error={errors.fil} />
            <button type="submit" class="button button-primary">
              Indlæs planen
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
