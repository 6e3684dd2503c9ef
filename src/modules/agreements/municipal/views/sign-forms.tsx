import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { CsrfField, ErrorText, fieldId, TextField } from '../../../../platform/views/components.tsx';
import { MAX_AGREEMENT_FILE_BYTES } from '../../files.ts';
import type { MunicipalAgreementView } from '../../signing/signature-queries.ts';

export type MunicipalPageState = {
  notice?: string | undefined;
  errors?: FieldErrors;
  /** The form that failed, so its fields show the user's input again. */
  form?: 'sign' | 'upload';
  values?: Record<string, unknown>;
};

/** Who signs, when the actor may read but not sign: "Aftalen underskrives af kommunens programledere." */
export type SignerInfo = { canSign: boolean; whoSigns: string };

/** Field ids of the upload form are prefixed so they differ from the sign form's. */
export const uploadFieldKey = (name: string) => `upload-${name}`;

export const FIELD_LABELS: Record<string, string> = {
  signerName: 'Navn',
  signerTitle: 'Titel/stilling',
  password: 'Adgangskode',
  confirm: 'Bekræftelse',
  versionId: 'Version',
  [uploadFieldKey('fil')]: 'Underskrevet aftale (PDF)',
  [uploadFieldKey('signerName')]: 'Navn',
  [uploadFieldKey('signerTitle')]: 'Titel/stilling',
  [uploadFieldKey('versionId')]: 'Version',
};

export function SignForms(p: { request: FastifyRequest; view: MunicipalAgreementView; state: MunicipalPageState }): JSX.Element {
  const v = p.view;
  const a = v.agreement;
  const version = v.current!;
  const actor = p.request.actor!;
  const failed = p.state.form;
  const errors = p.state.errors ?? {};
  const value = (form: 'sign' | 'upload', key: string, fallback: string) =>
    failed === form && typeof p.state.values?.[key] === 'string' ? (p.state.values[key] as string) : fallback;
  const signErrors = failed === 'sign' ? errors : {};
  const uploadErrors = failed === 'upload' ? errors : {};
  const confirmId = fieldId('confirm');
  const municipality = `${actor.municipalityName ?? ''} Kommune`;
  const limitMb = Math.round(MAX_AGREEMENT_FILE_BYTES / (1024 * 1024));
  return (
    <>
      <section aria-labelledby="underskriv" class="mt-6">
        <h2 id="underskriv">Underskriv aftalen</h2>
        <p safe>{`Du underskriver version ${version.number} af aftalen med dokumenterne ovenfor på vegne af ${municipality}. Skriv din adgangskode til Samspil igen for at bekræfte, at det er dig.`}</p>
        <form method="post" action={`/aftaler/${a.id}/underskriv`} novalidate>
          <CsrfField token={p.request.csrfToken} />
          <input type="hidden" name="versionId" value={version.id} />
          <TextField required id={fieldId('signerName')} name="signerName" label="Navn" value={value('sign', 'signerName', actor.name)} error={signErrors.signerName} autocomplete="name" />
          <TextField
            required
            id={fieldId('signerTitle')}
            name="signerTitle"
            label="Titel/stilling"
            value={value('sign', 'signerTitle', v.actorTitle)}
            error={signErrors.signerTitle}
            autocomplete="organization-title"
          />
          <TextField required id={fieldId('password')} name="password" type="password" label="Din adgangskode" value="" error={signErrors.password} autocomplete="current-password" />
          <div class={signErrors.confirm ? 'form-group form-error' : 'form-group'}>
            <ErrorText id={confirmId} error={signErrors.confirm} />
            <div class="form-group-checkbox">
              <input
                type="checkbox"
                class="form-checkbox"
                id={confirmId}
                name="confirm"
                value="on"
                required
                checked={failed === 'sign' && p.state.values?.confirm === 'on'}
                aria-describedby={signErrors.confirm ? `${confirmId}-error` : undefined}
              />
              <label for={confirmId} class="form-label" safe>
                {`Jeg bekræfter at have læst aftalen version ${version.number} og underskriver den på vegne af ${municipality}`}
              </label>
            </div>
          </div>
          <button type="submit" class="button button-primary">
            Underskriv aftalen
          </button>
        </form>
      </section>

      <section aria-labelledby="indsend" class="mt-6">
        <h2 id="indsend">Indsend en underskrevet kopi</h2>
        <p>
          Har kommunen underskrevet aftalen på anden måde, fx på papir eller med egen signaturløsning, kan I indsende den underskrevne aftale som PDF. Den tæller som
          kommunens underskrift, når KOMBIT har godkendt den.
        </p>
        <form method="post" action={`/aftaler/${a.id}/underskrift`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <input type="hidden" name="versionId" value={version.id} />
          <div class={uploadErrors[uploadFieldKey('fil')] ? 'form-group form-error' : 'form-group'}>
            <label class="form-label" for={fieldId(uploadFieldKey('fil'))}>
              Underskrevet aftale (PDF)
            </label>
            <span class="form-hint" id={`${fieldId(uploadFieldKey('fil'))}-hint`} safe>
              {`Kun PDF-filer, højst ${limitMb} MB.`}
            </span>
            <ErrorText id={fieldId(uploadFieldKey('fil'))} error={uploadErrors[uploadFieldKey('fil')]} />
            <input
              class="form-file-input"
              type="file"
              id={fieldId(uploadFieldKey('fil'))}
              name="fil"
              accept="application/pdf,.pdf"
              required
              aria-describedby={`${fieldId(uploadFieldKey('fil'))}-hint${uploadErrors[uploadFieldKey('fil')] ? ` ${fieldId(uploadFieldKey('fil'))}-error` : ''}`}
            />
          </div>
          <TextField
            required
            id={fieldId(uploadFieldKey('signerName'))}
            name="signerName"
            label="Navn på den, der underskrev"
            value={value('upload', 'signerName', '')}
            error={uploadErrors[uploadFieldKey('signerName')]}
          />
          <TextField
            required
            id={fieldId(uploadFieldKey('signerTitle'))}
            name="signerTitle"
            label="Titel/stilling på den, der underskrev"
            value={value('upload', 'signerTitle', '')}
            error={uploadErrors[uploadFieldKey('signerTitle')]}
          />
          <button type="submit" class="button button-secondary">
            Indsend underskrevet kopi
          </button>
        </form>
      </section>
    </>
  );
}
