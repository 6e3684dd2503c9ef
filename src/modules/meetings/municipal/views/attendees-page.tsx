import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { Notice } from '../../../../platform/views/components.tsx';
import { formatDateTimeLong } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import type { MeetingHead } from '../../sections.ts';
import { attendeesPath, meetingPath } from '../../paths.ts';
import type { AttendanceCount, AttendeeRow } from '../queries.ts';
import { AttendeeTable, CountsTable, countsSummary, MunicipalAttendance, type FormState, type MunicipalAttendanceData } from './attendance.tsx';

export type AttendeesPageData =
  | { kind: 'central'; counts: AttendanceCount[]; rows: AttendeeRow[]; truncated: boolean }
  | { kind: 'municipal'; data: MunicipalAttendanceData; form: FormState };

/**
 * `/moeder/:id/deltagere`: for central staff every municipality's registrations (counts per
 * municipality, the list, the spreadsheets); for a municipality its own, with the form.
 */
export function AttendeesPage(p: { request: FastifyRequest; meeting: MeetingHead; page: AttendeesPageData; notice?: { kind: 'success' | 'info' | 'error'; text: string } | undefined }): JSX.Element {
  const m = p.meeting;
  const title = `Deltagere: ${m.title}`;
  const pg = p.page;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs
        trail={[
          { href: '/moeder', label: 'Møder' },
          { href: meetingPath(m.id), label: m.title },
        ]}
        current="Deltagere"
      />
      <h1 safe>{title}</h1>
      <p>
        <time datetime={m.startsAt.toISOString()} safe>
          {formatDateTimeLong(m.startsAt)}
        </time>
      </p>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      {pg.kind === 'central' ? (
        <>
          <p safe>{countsSummary(pg.counts)}</p>
          {pg.counts.length > 0 ? (
            <>
              <p>
                Hent tilmeldingerne som{' '}
                <a href={`${attendeesPath(m.id)}.xlsx`} class="function-link">
                  regneark (XLSX)
                </a>{' '}
                eller{' '}
                <a href={`${attendeesPath(m.id)}.csv`} class="function-link">
                  CSV
                </a>
                .
              </p>
              <CountsTable counts={pg.counts} />
              <h2>Alle tilmeldinger</h2>
              {pg.truncated ? <Notice kind="info" text="Listen viser de første 2.000 tilmeldinger; regnearket har de samme." /> : ''}
              <AttendeeTable meetingId={m.id} rows={pg.rows} caption="Tilmeldte deltagere efter kommune" showMunicipality canRemove={false} csrfToken={p.request.csrfToken} />
            </>
          ) : (
            ''
          )}
        </>
      ) : (
        <>
          <h2 safe>{`Fra ${pg.data.municipalityName} Kommune`}</h2>
          <MunicipalAttendance data={pg.data} form={pg.form} csrfToken={p.request.csrfToken} headingLevel={2} />
        </>
      )}
    </Layout>
  );
}
