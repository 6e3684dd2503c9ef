import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { CsrfField, FileField, Notice } from '../../../../platform/views/components.tsx';
import { formatDateLong, formatSize } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { renderMarkdown } from '../../../tasks/index.ts';
import { invitationPath, materialPath } from '../../paths.ts';
import type { AgendaItem, AgendaLink, MaterialRow, MeetingDetail } from '../load-meeting.ts';
import { MATERIAL_ACCEPT, MAX_MATERIAL_MB } from '../material-upload.ts';
import { timeSpan, type PageNotice } from './meetings-page.tsx';

const KIND_LABELS: Record<AgendaLink['kind'], string> = { news: 'Nyhed', programme: 'Program', task: 'Opgave', agreement: 'Aftale' };

export function AgendaList(p: { agenda: AgendaItem[] }): JSX.Element {
  if (p.agenda.length === 0) return <p>Dagsordenen er ikke klar endnu.</p>;
  return (
    <ol class="samspil-agenda">
      {p.agenda.map((item) => (
        <li>
          <h3 class="h4">
            <span safe>{item.title}</span>
            {item.minutes ? <span class="weight-normal" safe>{` (${item.minutes} min.)`}</span> : ''}
          </h3>
          {item.presenters.length > 0 ? <p class="form-hint" safe>{`Oplæg: ${item.presenters.map((x) => (x.title ? `${x.name}, ${x.title}` : x.name)).join('; ')}`}</p> : ''}
          {item.description.trim() ? <div class="samspil-task-text">{renderMarkdown(item.description) as 'safe'}</div> : ''}
          {item.links.length > 0 ? (
            <ul>
              {item.links.map((l) => (
                <li>
                  <span safe>{`${KIND_LABELS[l.kind]}: `}</span>
                  <a href={l.href} safe>
                    {l.title}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}

function Materials(p: { request: FastifyRequest; meetingId: string; materials: MaterialRow[]; canEdit: boolean; uploadError: string | undefined }): JSX.Element {
  return (
    <>
      <h2>Materiale</h2>
      {p.materials.length === 0 ? <p>Der er ikke lagt materiale på mødet.</p> : ''}
      <ul class="nobullet-list">
        {p.materials.map((f) => (
          <li class="samspil-actions">
            <a href={materialPath(p.meetingId, f.id)} download="" safe>
              {`${f.filename} (${formatSize(f.size)})`}
            </a>
            {p.canEdit ? (
              <form method="post" action={`/moeder/${p.meetingId}/materialer/${f.id}/slet`}>
                <CsrfField token={p.request.csrfToken} />
                <button type="submit" class="button button-tertiary" aria-label={`Slet ${f.filename}`}>
                  Slet
                </button>
              </form>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      {p.canEdit ? (
        <form method="post" action={`/moeder/${p.meetingId}/materialer`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <FileField name="fil" label={`Læg en fil på mødet (PDF, PowerPoint, Word eller Excel, højst ${MAX_MATERIAL_MB} MB)`} accept={MATERIAL_ACCEPT} error={p.uploadError} />
          <button type="submit" class="button button-secondary">
            Læg filen på
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

/** The meeting: when and where, practical information, agenda, materials, recording, then the other parts' sections. */
export function MeetingPage(p: {
  request: FastifyRequest;
  meeting: MeetingDetail;
  canEdit: boolean;
  sections: string[];
  notice: PageNotice | undefined;
  uploadError?: string | undefined;
}): JSX.Element {
  const m = p.meeting;
  return (
    <Layout title={m.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <Breadcrumbs trail={[{ href: '/moeder', label: 'Møder' }]} current={m.title} />
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      {p.uploadError ? <Notice kind="error" text={p.uploadError} /> : ''}
      <h1 safe>{m.title}</h1>
      <dl class="samspil-facts">
        <dt>Hvornår</dt>
        <dd>
          <time datetime={m.startsAt.toISOString()} safe>{`${formatDateLong(m.startsAt)} ${timeSpan(m)}`}</time>
        </dd>
        {m.place ? (
          <>
            <dt>Hvor</dt>
            <dd safe>{m.place}</dd>
          </>
        ) : (
          ''
        )}
        {m.onlineLink ? (
          <>
            <dt>Online</dt>
            <dd>
              <a href={m.onlineLink} rel="noopener noreferrer" safe>
                {m.onlineLink}
              </a>
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {p.canEdit ? (
        <p class="samspil-actions">
          <a href={`/moeder/${m.id}/rediger`} class="function-link">
            Ret mødet
          </a>
          <a href={`/moeder/${m.id}/dagsorden`} class="function-link">
            Redigér dagsordenen
          </a>
          <a href={`/moeder/${m.id}/slet`} class="function-link">
            Slet mødet
          </a>
        </p>
      ) : (
        ''
      )}
      {m.practicalInfo.trim() ? (
        <>
          <h2>Praktisk information</h2>
          <div class="samspil-task-text">{renderMarkdown(m.practicalInfo) as 'safe'}</div>
        </>
      ) : (
        ''
      )}
      <h2>Dagsorden</h2>
      <AgendaList agenda={m.agenda} />
      <Materials request={p.request} meetingId={m.id} materials={m.materials} canEdit={p.canEdit} uploadError={p.uploadError} />
      <h2>Optagelse</h2>
      {m.recordingLink ? (
        <p>
          <a href={m.recordingLink} rel="noopener noreferrer">
            Se optagelsen af mødet
          </a>
        </p>
      ) : (
        <p>Der er ingen optagelse af mødet endnu.</p>
      )}
      <p>
        <a href={invitationPath(m.id)} class="button button-secondary" download="">
          Føj mødet til din kalender (iCal)
        </a>
      </p>
      {p.sections.join("") as "safe"}
    </Layout>
  );
}
