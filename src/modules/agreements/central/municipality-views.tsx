import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Notice, TextArea } from '../../../platform/views/components.tsx';
import { formatDateLong, formatDateTime, formatDayLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { PlainText } from '../../../platform/views/components.tsx';
import { statusText } from './export-status.ts';
import { TYPE_LABELS } from '../labels.ts';
import type { AgreementRow } from '../load-agreement.ts';
import type { AgreementNote, SignatureRecord, StatusOverviewRow } from './notes-queries.ts';


export type MunicipalityPageState = {
  form?: 'note' | 'dialogue';
  errors?: FieldErrors;
  values?: Record<string, unknown>;
};

export const MUNICIPALITY_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  'note-tilfoejet': { kind: 'success', text: 'Noten er tilføjet.' },
  'note-findes': { kind: 'info', text: 'Noten var allerede tilføjet. Der er ikke tilføjet noget nyt.' },
  'dialog-startet': { kind: 'success', text: 'Kommunen er markeret som i dialog med KOMBIT. Den får ikke påmindelser, så længe dialogen står på.' },
  'dialog-afsluttet': { kind: 'success', text: 'Dialogen er markeret som afsluttet. Kommunen får igen påmindelser, hvis den ikke har underskrevet.' },
  'dialog-uaendret': { kind: 'info', text: 'Dialogmarkeringen var allerede sat sådan.' },
};

export type MunicipalityPageProps = {
  request: FastifyRequest;
  agreement: AgreementRow;
  municipality: { code: string; name: string };
  status: StatusOverviewRow | null;
  signatures: SignatureRecord[];
  notes: AgreementNote[];
  central: boolean;
  canNote: boolean;
  canManage: boolean;
  state: MunicipalityPageState;
  notice?: { kind: 'success' | 'info'; text: string } | undefined;
};

const METHOD_LABELS = { samspil: 'Underskrevet i Samspil', upload: 'Uploadet underskrevet kopi' } as const;

function signatureState(s: SignatureRecord): string {
  if (s.state === 'rejected') return s.rejectReason ? `Afvist: ${s.rejectReason}` : 'Afvist';
  if (s.supersededAt) return `Gælder ikke længere: erstattet af en ny version ${formatDateLong(s.supersededAt)}`;
  if (s.state === 'pending') return 'Afventer godkendelse hos KOMBIT';
  return 'Gældende';
}

function Signatures(p: { signatures: SignatureRecord[] }): JSX.Element {
  if (p.signatures.length === 0) return <p>Kommunen har ikke underskrevet aftalen.</p>;
  return (
    <table class="table table--compact table--zebra" id="underskrifter">
      <caption class="sr-only">Kommunens underskrifter af aftalen, nyeste først</caption>
      <thead>
        <tr>
          <th scope="col">Tidspunkt</th>
          <th scope="col">Version</th>
          <th scope="col">Underskriver</th>
          <th scope="col">Måde</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {p.signatures.map((s) => (
          <tr data-underskrift={s.id} data-gaeldende={s.current ? 'ja' : 'nej'}>
            <td safe>{formatDateTime(s.signedAt)}</td>
            <td safe>{`Version ${s.versionNumber}`}</td>
            <td>
              <span safe>{s.signerName}</span>
              <br />
              <span class="text-muted" safe>
                {s.signerTitle}
              </span>
            </td>
            <td>{METHOD_LABELS[s.method]}</td>
            <td safe>{signatureState(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DialogueForm(p: { action: string; inDialogue: boolean; csrf: string | undefined; state: MunicipalityPageState }): JSX.Element {
  const failed = p.state.form === 'dialogue';
  const note = failed && typeof p.state.values?.note === 'string' ? p.state.values.note : '';
  return (
    <form method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="inDialogue" value={p.inDialogue ? 'false' : 'true'} />
      <TextArea
        name="note"
        label="Note til kommunens tråd"
        value={note}
        error={failed ? p.state.errors?.note : undefined}
        hint="Fx hvad dialogen handler om. Noten kan ses af kommunen, og kommunens modtagere af aftalen får den på mail."
        rows={3}
      />
      <button type="submit" class="button button-secondary">
        {p.inDialogue ? 'Afslut dialogen' : 'Markér som i dialog'}
      </button>
    </form>
  );
}

function Notes(p: { notes: AgreementNote[]; municipalityName: string; action: string | null; central: boolean; csrf: string | undefined; state: MunicipalityPageState }): JSX.Element {
  const failed = p.state.form === 'note';
  const body = failed && typeof p.state.values?.body === 'string' ? p.state.values.body : '';
  return (
    <section aria-labelledby="noter" class="mt-6">
      <h2 id="noter">Noter</h2>
      {p.notes.length === 0 ? (
        <p>Der er ingen noter endnu.</p>
      ) : (
        <ul class="nobullet-list samspil-thread">
          {p.notes.map((n) => (
            <li id={`note-${n.id}`}>
              <p>
                <strong safe>{n.authorName}</strong>
                <span safe>{n.fromCentral ? ' (KOMBIT)' : ` (${p.municipalityName} Kommune)`}</span>
                <span class="text-muted" safe>{` · ${formatDateTime(n.createdAt)}`}</span>
              </p>
              <PlainText text={n.body} />
            </li>
          ))}
        </ul>
      )}
      {p.action ? (
        <form method="post" action={p.action} novalidate>
          <CsrfField token={p.csrf} />
          <TextArea
            name="body"
            label="Ny note"
            value={body}
            error={failed ? p.state.errors?.body : undefined}
            hint={
              p.central
                ? 'Kun kommunen og KOMBIT kan se noterne. Kommunens modtagere af aftalen får noten på mail.'
                : 'Kun jeres kommune og KOMBIT kan se noterne.'
            }
            rows={4}
            required
          />
          <button type="submit" class="button button-secondary">
            Tilføj note
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

/** GET /aftaler/:id/kommuner/:code – one municipality's status, signatures, notes and (for central editors) the dialogue mark. */
export function MunicipalityAgreementPage(p: MunicipalityPageProps): JSX.Element {
  const a = p.agreement;
  const m = p.municipality;
  const base = `/aftaler/${a.id}/kommuner/${m.code}`;
  const inDialogue = p.status?.inDialogue ?? false;
  const errors = p.state.errors ?? {};
  return (
    <Layout title={`${m.name} Kommune – ${a.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <p>
        {p.central ? (
          <a href={`/aftaler/${a.id}/status`} class="function-link">
            Status for alle kommuner
          </a>
        ) : (
          <a href={`/aftaler/${a.id}`} class="function-link">
            Tilbage til aftalen
          </a>
        )}
      </p>
      <h1 safe>{`${m.name} Kommune`}</h1>
      <p class="font-lead" safe>
        {a.title}
      </p>
      <ErrorSummary errors={errors} labels={{ body: 'Ny note', note: 'Note til kommunens tråd', inDialogue: 'Dialog' }} />
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <dl class="samspil-details">
        <dt>Aftale</dt>
        <dd safe>{TYPE_LABELS[a.type]}</dd>
        <dt>Kommunens status</dt>
        <dd id="kommunens-status">
          {p.status ? statusText(p.status) : ''}
        </dd>
        {a.deadline ? (
          <>
            <dt>Frist</dt>
            <dd safe>{formatDayLong(a.deadline)}</dd>
          </>
        ) : (
          ''
        )}
        <dt>Dialog med KOMBIT</dt>
        <dd id="dialog">
          {inDialogue ? (p.status?.dialogueSince ? `I dialog siden ${formatDateLong(p.status.dialogueSince)}` : 'I dialog') : 'Nej'}
        </dd>
      </dl>

      <h2>Underskrifter</h2>
      <Signatures signatures={p.signatures} />

      {p.canManage ? (
        <section aria-labelledby="dialog-overskrift" class="mt-6">
          <h2 id="dialog-overskrift">Dialog</h2>
          <p>
            {inDialogue
              ? 'Kommunen er markeret som i dialog med KOMBIT. Den står på listen over manglende kommuner med en fodnote og får ikke påmindelser.'
              : 'Markér kommunen som i dialog, hvis KOMBIT og kommunen drøfter aftalen. Så får kommunen ikke påmindelser, og den markeres i listen over manglende kommuner.'}
          </p>
          <DialogueForm action={`${base}/dialog`} inDialogue={inDialogue} csrf={p.request.csrfToken} state={p.state} />
        </section>
      ) : (
        ''
      )}

      <Notes
        notes={p.notes}
        municipalityName={m.name}
        action={p.canNote ? `${base}/noter` : null}
        central={p.central}
        csrf={p.request.csrfToken}
        state={p.state}
      />
    </Layout>
  );
}
