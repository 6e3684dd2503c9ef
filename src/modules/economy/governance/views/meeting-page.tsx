import type { FastifyRequest } from 'fastify';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, PlainText } from '../../../../platform/views/components.tsx';
import { formatDate, formatDayLong, formatSize } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { meetingFileKinds } from '../../schema.ts';
import { MAX_MEETING_FILE_MB } from '../file-upload.ts';
import { FILE_KIND_LABELS, NO_DECISION } from '../labels.ts';
import type { MeetingWithCouncil } from '../load.ts';
import { fileLabels, itemLabels, MAX_ITEMS } from '../meeting-input.ts';
import type { GovernanceAbilities } from '../policy.ts';
import { councilHref, fileHref, meetingHref, type FileRow, type ItemRow } from '../queries.ts';
import { FormHead, ItemFields, valueOf, type FormState } from './forms.tsx';

export const MEETING_NOTICES: Record<string, string> = {
  oprettet: 'Mødet er planlagt. Tilføj dagsordenens punkter og dagsordenen som fil nedenfor.',
  fjerde: 'Mødet er planlagt. Bemærk: Rådet har nu flere møder i året end normen på tre.',
  findes: 'Mødet var allerede planlagt; intet er ændret.',
  rettet: 'Mødet er rettet.',
  uaendret: 'Intet var ændret.',
  'punkt-gemt': 'Punktet er gemt.',
  'fil-lagt-paa': 'Filen er lagt på mødet.',
  'fil-findes': 'Filen lå allerede på mødet; intet er ændret.',
  'fil-slettet': 'Filen er slettet.',
  'fil-allerede-slettet': 'Filen var allerede slettet.',
};

/** "Afholdt", "I dag" or "Planlagt", from the meeting's day and today's. */
const stateOf = (date: string, today: string) => (date < today ? 'Afholdt' : date === today ? 'I dag' : 'Planlagt');

function Agenda(p: { meeting: MeetingWithCouncil; items: ItemRow[]; canEdit: boolean }): JSX.Element {
  if (p.items.length === 0) return <p>Dagsordenen har ingen punkter endnu.</p>;
  return (
    <ol class="nobullet-list">
      {p.items.map((item) => (
        <li>
          <h3 safe>{`${item.position}. ${item.title}`}</h3>
          {item.description ? <PlainText text={item.description} /> : ''}
          {item.decision === null ? (
            <p>
              <strong>Beslutning:</strong> {NO_DECISION}
            </p>
          ) : (
            <div>
              <p>
                <strong>Beslutning:</strong>
              </p>
              <PlainText text={item.decision} />
            </div>
          )}
          {p.canEdit ? (
            <p>
              <a href={`${meetingHref(p.meeting.id)}/punkter/${item.position}`} class="function-link" safe>
                {`Ret punkt ${item.position} og beslutningen`}
              </a>
            </p>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}

function Files(p: { meeting: MeetingWithCouncil; files: FileRow[]; canEdit: boolean; csrfToken: string | undefined }): JSX.Element {
  if (p.files.length === 0) return <p>Der er ingen filer på mødet endnu.</p>;
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption>Dagsorden, referat og bilag</caption>
        <thead>
          <tr>
            <th scope="col">Fil</th>
            <th scope="col">Slags</th>
            <th scope="col">Størrelse</th>
            <th scope="col">Lagt på</th>
            {p.canEdit ? <th scope="col">Slet</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.files.map((f) => (
            <tr>
              <td>
                <a href={fileHref(p.meeting.id, f.id)} safe>
                  {f.filename}
                </a>
              </td>
              <td safe>{FILE_KIND_LABELS[f.kind]}</td>
              <td safe>{formatSize(f.size)}</td>
              <td safe>{formatDate(f.uploadedAt)}</td>
              {p.canEdit ? (
                <td>
                  <form method="post" action={`${fileHref(p.meeting.id, f.id)}/slet`} class="samspil-inline-form">
                    <CsrfField token={p.csrfToken} />
                    <button type="submit" class="button button-tertiary">
                      Slet <span class="sr-only" safe>{f.filename}</span>
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
  );
}

function UploadForm(p: { meeting: MeetingWithCouncil; state: FormState; csrfToken: string | undefined }): JSX.Element {
  const e = p.state.errors;
  const kind = valueOf(p.state.values, 'kind');
  const kindId = fieldId('kind');
  const fileId = fieldId('fil');
  return (
    <form method="post" action={`${meetingHref(p.meeting.id)}/filer`} enctype="multipart/form-data" novalidate>
      <FormHead csrfToken={p.csrfToken} />
      <div class={e.kind ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for={kindId}>
          Slags fil
        </label>
        <ErrorText id={kindId} error={e.kind} />
        <select class="form-select" id={kindId} name="kind" aria-describedby={e.kind ? `${kindId}-error` : undefined}>
          {meetingFileKinds.map((k) => (
            <option value={k} selected={kind === k} safe>
              {FILE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div class={e.fil ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for={fileId}>
          Fil
        </label>
        <span class="form-hint" id={`${fileId}-hint`} safe>
          {`PDF eller Word-dokument (.docx), højst ${MAX_MEETING_FILE_MB} MB.`}
        </span>
        <ErrorText id={fileId} error={e.fil} />
        <input
          type="file"
          class="form-file-input"
          id={fileId}
          name="fil"
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby={[`${fileId}-hint`, e.fil ? `${fileId}-error` : ''].filter(Boolean).join(' ')}
          required
        />
      </div>
      <button type="submit" class="button button-primary">
        Læg filen på mødet
      </button>
    </form>
  );
}

/** A meeting: its council, day and place, the agenda with each decision, and its files; the secretariat's forms below. */
export function MeetingPage(p: {
  request: FastifyRequest;
  meeting: MeetingWithCouncil;
  items: ItemRow[];
  files: FileRow[];
  today: string;
  abilities: GovernanceAbilities;
  notice?: string | undefined;
  itemForm?: FormState;
  fileForm?: FormState;
}): JSX.Element {
  const m = p.meeting;
  const edit = p.abilities.edit;
  const itemForm = p.itemForm ?? { values: {}, errors: {} };
  const fileForm = p.fileForm ?? { values: {}, errors: {} };
  const next = p.items.reduce((max, i) => Math.max(max, i.position), 0) + 1;
  const position = valueOf(itemForm.values, 'position') || String(next);
  return (
    <Layout title={`${m.title} – ${m.council.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href={councilHref(m.council.key)} class="function-link" safe>
          {`Tilbage til ${m.council.name}`}
        </a>
      </p>
      <h1 safe>{m.title}</h1>
      <ErrorSummary errors={{ ...itemForm.errors, ...fileForm.errors }} labels={{ ...itemLabels, ...fileLabels }} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <dl class="samspil-facts">
        <dt>Råd</dt>
        <dd>
          <a href={councilHref(m.council.key)} safe>
            {m.council.name}
          </a>
        </dd>
        <dt>Dato</dt>
        <dd safe>{formatDayLong(m.meetingDate)}</dd>
        <dt>Sted</dt>
        <dd safe>{m.location || 'Ikke oplyst'}</dd>
        <dt>Status</dt>
        <dd>{stateOf(m.meetingDate, p.today)}</dd>
      </dl>
      {edit ? (
        <p>
          <a href={`${meetingHref(m.id)}/rediger`} class="button button-secondary">
            Ret mødet
          </a>
        </p>
      ) : (
        ''
      )}

      <h2>Dagsorden og beslutninger</h2>
      <Agenda meeting={m} items={p.items} canEdit={edit} />
      {edit && next <= MAX_ITEMS ? (
        <details class="details" open={Object.keys(itemForm.errors).length > 0}>
          <summary class="details-summary" safe>
            {`Tilføj punkt ${position}`}
          </summary>
          <div class="details-text">
            <form method="post" action={`${meetingHref(m.id)}/punkter`} novalidate>
              <FormHead csrfToken={p.request.csrfToken} />
              <input type="hidden" name="position" value={position} />
              <ItemFields state={itemForm} withDecision={false} />
              <button type="submit" class="button button-primary">
                Tilføj punktet
              </button>
            </form>
          </div>
        </details>
      ) : (
        ''
      )}

      <h2>Filer</h2>
      <Files meeting={m} files={p.files} canEdit={edit} csrfToken={p.request.csrfToken} />
      {edit ? (
        <details class="details" open={Object.keys(fileForm.errors).length > 0}>
          <summary class="details-summary">Læg en fil på mødet</summary>
          <div class="details-text">
            <UploadForm meeting={m} state={fileForm} csrfToken={p.request.csrfToken} />
          </div>
        </details>
      ) : (
        ''
      )}
    </Layout>
  );
}
