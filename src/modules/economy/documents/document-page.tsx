import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import type { FastifyRequest } from 'fastify';
import { isCentral } from '../../../platform/context.ts';
import { Notice } from '../../../platform/views/components.tsx';
import { formatDateTimeLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { documentPath, documentTitle, KIND_PURPOSE, minutesYear } from './content.ts';
import {DocumentFacts, DocumentNotes, DocumentTable, MinutesList, ProgrammeList } from './document-parts.tsx';
import type { DocumentView } from './open-document.ts';

export const DRAFT_MARK = 'Udkast – ikke offentliggjort';

/** GET /oekonomi/kommuner/:code/:year/:kind – one municipality's invoice, guidance or statement. */
export function DocumentPage(p: { request: FastifyRequest; view: DocumentView }): JSX.Element {
  const v = p.view;
  const title = documentTitle(v.kind, v.year);
  const central = isCentral(p.request.actor);
  const path = documentPath(v.code, v.year, v.kind);
  const trail = central ? [{ href: '/oekonomi', label: 'Økonomi' }, { href: `/oekonomi/dokumenter/${v.year}`, label: `Dokumenter ${v.year}` }] : [{ href: '/oekonomi', label: 'Økonomi' }];
  return (
    <Layout title={`${title} – ${v.municipalityName} Kommune`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <Breadcrumbs trail={trail} current={central ? `${title}, ${v.municipalityName}` : title} />
      <h1 safe>{`${title} – ${v.municipalityName} Kommune`}</h1>
      {v.published ? (
        <p id="status" safe>
          {`Offentliggjort ${formatDateTimeLong(v.published.at)}${central && v.published.by ? ` af ${v.published.by}` : ''}.`}
        </p>
      ) : (
        <div id="status">
          <Notice kind="warning" text={`${DRAFT_MARK}. Udkastet er beregnet nu efter årets priser og befolkningstal og kan ændre sig, indtil det offentliggøres. Kommunen kan ikke se det.`} />
        </div>
      )}
      <p class="font-lead" safe>
        {KIND_PURPOSE[v.kind]}
      </p>
      {v.problems.length > 0 ? (
        <div class="alert alert-error" role="alert" id="problemer">
          <div class="alert-body">
            <p class="alert-heading">Dokumentet kan ikke offentliggøres endnu</p>
            <ul class="alert-text">
              {v.problems.map((x) => (
                <li safe>{x}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        ''
      )}
      {v.content ? (
        <>
          <ul class="samspil-inline-list" aria-label="Hent dokumentet">
            <li>
              <a href={`${path}.pdf`} class="function-link" safe>
                {`Hent som PDF${v.published ? '' : ' (udkast)'}`}
              </a>
            </li>
            <li>
              <a href={`${path}.xlsx`} class="function-link" safe>
                {`Hent som regneark (XLSX)${v.published ? '' : ' (udkast)'}`}
              </a>
            </li>
          </ul>
          <h2>Oversigt</h2>
          <DocumentFacts content={v.content} />
          <h2>Pr. løsning</h2>
          <DocumentTable content={v.content} />
          <DocumentNotes content={v.content} />
        </>
      ) : (
        ''
      )}
      <h2 safe>{`Iværksatte programmer ${v.year}`}</h2>
      <ProgrammeList programmes={v.programmes} year={v.year} />
      <h2 safe>{`Referater fra K98-styringens møder i ${minutesYear(v.kind, v.year)}`}</h2>
      <MinutesList minutes={v.minutes} year={minutesYear(v.kind, v.year)} />
    </Layout>
  );
}
