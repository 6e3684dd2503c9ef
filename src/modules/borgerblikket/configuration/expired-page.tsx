import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, TextArea } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ExpiredConfiguredEntry } from '../plan/expired-configured-entries.ts';
import { describeEntry } from './labels.ts';
import type { MunicipalityRef } from './load-configuration-view.ts';

export const DEFAULT_REVIEW_REASON = 'Gennemgang: KLE-nummeret er udgået af planen';

/** Entries on numbers a newer plan expired or left out: listed for review, each removable by a keeper ("fjern indstillingen"). */
export function ExpiredPage(p: {
  request: FastifyRequest;
  municipality: MunicipalityRef;
  entries: ExpiredConfiguredEntry[];
  canEdit: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
}): JSX.Element {
  const { municipality: m } = p;
  const title = `Udgåede KLE-numre med indstillinger i ${m.name}`;
  const reason = typeof p.values?.reason === 'string' ? p.values.reason : DEFAULT_REVIEW_REASON;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: `/borgerblikket/kommuner/${m.code}`, label: `${m.name} Kommunes KLE-opsætning` },
        ]}
        current="Udgåede numre"
      />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={{ kle: 'KLE-nummer', reason: 'Hvorfor?' }} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p>
        Når en ny KLE-plan lader et nummer udgå, beholdes kommunens indstilling på det, så intet forsvinder i stilhed. Gennemgå dem her: flyt indstillingen til det nye
        nummer, hvis der er et, og fjern den så fra det udgåede.
      </p>
      {p.entries.length === 0 ? (
        <p>Der er ingen indstillinger på udgåede numre.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact">
            <caption safe>{`${p.entries.length} indstillinger på udgåede numre`}</caption>
            <thead>
              <tr>
                <th scope="col">KLE-nummer</th>
                <th scope="col">Titel</th>
                <th scope="col">Udgået</th>
                <th scope="col">Indstilling</th>
                {p.canEdit ? <th scope="col">Gennemgang</th> : ''}
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr data-kle={e.kle}>
                  <th scope="row">
                    <a href={`/borgerblikket/kommuner/${m.code}/kle/${e.kle}`}>{e.kle as 'safe'}</a>
                  </th>
                  <td safe>{e.title}</td>
                  <td safe>{`${formatDeadline(e.expiredOn)}${e.expiredNote ? ` (${e.expiredNote})` : ''}`}</td>
                  <td safe>{describeEntry(e.settings)}</td>
                  {p.canEdit ? (
                    <td>
                      <form method="post" action={`/borgerblikket/kommuner/${m.code}/udgaaede`} class="samspil-inline-form">
                        <CsrfField token={p.request.csrfToken} />
                        <RequestKeyField />
                        <input type="hidden" name="kle" value={e.kle} />
                        <input type="hidden" name="reason" value={reason} />
                        <button type="submit" class="button button-secondary">
                          Fjern indstillingen<span class="sr-only" safe>{` på ${e.kle}`}</span>
                        </button>
                      </form>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      {p.canEdit && p.entries.length > 1 ? (
        <form method="post" action={`/borgerblikket/kommuner/${m.code}/udgaaede`} novalidate>
          <h2>Fjern alle på én gang</h2>
          <CsrfField token={p.request.csrfToken} />
          <RequestKeyField value={p.values?.requestKey} />
          {p.entries.map((e) => (
            <input type="hidden" name="kle" value={e.kle} />
          ))}
          <TextArea name="reason" label="Hvorfor?" value={reason} error={p.errors?.reason} rows={2} required />
          <button type="submit" class="button button-secondary">
            Fjern alle {String(p.entries.length) as 'safe'} indstillinger
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
