import type { FastifyRequest } from 'fastify';
import { StatusBadge } from '../../../../platform/views/badge.tsx';
import { ErrorSummary, Notice, PlainText } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { memberLabels } from '../council-input.ts';
import { COUNCIL_KIND_LABELS, MEETINGS_A_YEAR } from '../labels.ts';
import type { Council } from '../load.ts';
import { meetingLabels } from '../meeting-input.ts';
import type { GovernanceAbilities } from '../policy.ts';
import type { MeetingSummary, MemberRow } from '../queries.ts';
import { FormHead, MeetingFields, MemberFields, type FormState, type MunicipalityOption } from './forms.tsx';
import { MeetingTable } from './meeting-table.tsx';

export const COUNCIL_NOTICES: Record<string, string> = {
  oprettet: 'Rådet er oprettet. Tilføj dets pladser og medlemmer nedenfor.',
  rettet: 'Rådet er rettet.',
  uaendret: 'Intet var ændret.',
  'medlem-gemt': 'Medlemmet er gemt.',
  'medlem-fjernet': 'Pladsen er fjernet fra rådet.',
  'allerede-fjernet': 'Pladsen var allerede fjernet.',
};

export type YearCount = { year: string; total: number; held: number; planned: number };

/** Meetings per calendar year, held (before today) and planned, the latest year first. */
export function meetingsPerYear(meetings: MeetingSummary[], today: string): YearCount[] {
  const years = new Map<string, YearCount>();
  for (const m of meetings) {
    const year = m.date.slice(0, 4);
    const y = years.get(year) ?? { year, total: 0, held: 0, planned: 0 };
    y.total++;
    if (m.date < today) y.held++;
    else y.planned++;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => b.year.localeCompare(a.year));
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Members(p: { council: Council; members: MemberRow[]; canEdit: boolean }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{`${p.council.name}s pladser og medlemmer`}</caption>
        <thead>
          <tr>
            <th scope="col">Plads</th>
            <th scope="col">Navn</th>
            <th scope="col">Organisation</th>
            {p.canEdit ? <th scope="col">Ret</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.members.length === 0 ? (
            <tr>
              <td colspan={p.canEdit ? '4' : '3'}>Rådet har ingen pladser endnu.</td>
            </tr>
          ) : (
            p.members.map((m) => (
              <tr>
                <th scope="row" safe>
                  {m.seat}
                </th>
                <td>
                  {m.name === null ? (
                    <span class="samspil-vacant">Ledig</span>
                  ) : (
                    <>
                      <span safe>{m.name}</span>
                      {m.chair ? (
                        <>
                          {' '}
                          <StatusBadge label="Forperson" variant="info" />
                        </>
                      ) : (
                        ''
                      )}
                    </>
                  )}
                </td>
                <td safe>{m.organisation || '–'}</td>
                {p.canEdit ? (
                  <td>
                    <a href={`/styring/raad/${p.council.key}/medlemmer/${m.id}`} class="function-link">
                      Ret <span class="sr-only" safe>{m.seat}</span>
                    </a>
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function YearTable(p: { years: YearCount[] }): JSX.Element {
  if (p.years.length === 0) return <></>;
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption>{`Møder pr. år (normen er ${MEETINGS_A_YEAR} om året)`}</caption>
        <thead>
          <tr>
            <th scope="col">År</th>
            <th scope="col">Møder</th>
            <th scope="col">Afholdt</th>
            <th scope="col">Planlagt</th>
          </tr>
        </thead>
        <tbody>
          {p.years.map((y) => (
            <tr>
              <th scope="row" safe>
                {y.year}
              </th>
              <td safe>{y.total === MEETINGS_A_YEAR ? String(y.total) : `${y.total} (normen er ${MEETINGS_A_YEAR})`}</td>
              <td safe>{String(y.held)}</td>
              <td safe>{String(y.planned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** A council: its area, members and seats, its meetings; the secretariat's forms below. */
export function CouncilPage(p: {
  request: FastifyRequest;
  council: Council;
  members: MemberRow[];
  meetings: MeetingSummary[];
  today: string;
  abilities: GovernanceAbilities;
  municipalities: MunicipalityOption[];
  notice?: string | undefined;
  memberForm?: FormState;
  meetingForm?: FormState;
}): JSX.Element {
  const c = p.council;
  const edit = p.abilities.edit;
  const memberForm = p.memberForm ?? { values: {}, errors: {} };
  const meetingForm = p.meetingForm ?? { values: {}, errors: {} };
  const errors = { ...memberForm.errors, ...meetingForm.errors };
  const filled = p.members.filter((m) => m.name !== null).length;
  return (
    <Layout title={c.name} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href="/styring" class="function-link">
          Tilbage til K98-styring
        </a>
      </p>
      <h1 safe>{c.name}</h1>
      <ErrorSummary errors={errors} labels={{ ...memberLabels, ...meetingLabels }} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <dl class="samspil-facts">
        <dt>Slags råd</dt>
        <dd safe>{COUNCIL_KIND_LABELS[c.kind]}</dd>
        <dt>Område</dt>
        <dd safe>{c.area ?? 'Alle områder i K98-aftalen'}</dd>
        <dt>Medlemmer</dt>
        <dd safe>{`${count(filled, 'medlem', 'medlemmer')}${p.members.length > filled ? `, ${count(p.members.length - filled, 'ledig plads', 'ledige pladser')}` : ''}`}</dd>
      </dl>
      {c.description ? <PlainText text={c.description} /> : ''}
      {edit ? (
        <p>
          <a href={`/styring/raad/${c.key}/rediger`} class="button button-secondary">
            Ret rådet
          </a>
        </p>
      ) : (
        ''
      )}

      <h2>Medlemmer</h2>
      <Members council={c} members={p.members} canEdit={edit} />
      {edit ? (
        <details class="details" open={Object.keys(memberForm.errors).length > 0}>
          <summary class="details-summary">Tilføj en plads</summary>
          <div class="details-text">
            <form method="post" action={`/styring/raad/${c.key}/medlemmer`} novalidate>
              <FormHead csrfToken={p.request.csrfToken} withKey values={memberForm.values} />
              <MemberFields state={memberForm} municipalities={p.municipalities} />
              <button type="submit" class="button button-primary">
                Tilføj pladsen
              </button>
            </form>
          </div>
        </details>
      ) : (
        ''
      )}

      <h2>Møder</h2>
      <YearTable years={meetingsPerYear(p.meetings, p.today)} />
      <MeetingTable meetings={p.meetings} caption={`${c.name}s møder, de nyeste først`} withCouncil={false} empty="Rådet har ingen møder endnu." />
      {edit ? (
        <details class="details" open={Object.keys(meetingForm.errors).length > 0}>
          <summary class="details-summary">Planlæg et møde</summary>
          <div class="details-text">
            <form method="post" action={`/styring/raad/${c.key}/moeder`} novalidate>
              <FormHead csrfToken={p.request.csrfToken} />
              <MeetingFields state={meetingForm} />
              <button type="submit" class="button button-primary">
                Planlæg mødet
              </button>
            </form>
          </div>
        </details>
      ) : (
        ''
      )}
    </Layout>
  );
}
