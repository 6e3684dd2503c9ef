import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { byDanishName } from '../../../platform/views/format.ts';
import { milestoneStates } from '../../tasks/index.ts';
import { MILESTONE_STATE_DA, STATUS_DA } from '../inputs.ts';
import type { Programme } from '../load-programmes.ts';
import { programmeStatuses } from '../schema.ts';

export type ProgrammeForm = 'status' | 'milestone' | 'figure' | 'details';
/** A refused form drawn again with what was typed, its errors and its request key. */
export type FailedForm = { which: ProgrammeForm; values: Record<string, string>; errors: FieldErrors; requestKey?: unknown };

export const FORM_LABELS: Record<string, string> = {
  status: 'Status',
  statusOn: 'Dato for status',
  comment: 'Kommentar',
  title: 'Titel',
  startsOn: 'Dato',
  endsOn: 'Slutdato',
  state: 'Tilstand',
  name: 'Nøgletallets navn',
  unit: 'Enhed',
  target: 'Mål',
  points: 'Målinger',
  description: 'Beskrivelse',
  responsiblePersonId: 'Ansvarlig',
};

const statusOptions = programmeStatuses.map((s) => ({ value: s, label: STATUS_DA[s] }));
export const stateOptions = milestoneStates.map((s) => ({ value: s, label: MILESTONE_STATE_DA[s] }));

export function EditForms(p: { programme: Programme; request: FastifyRequest; today: string; people: { id: string; name: string; title: string }[]; failed?: FailedForm | undefined }): JSX.Element {
  const v = (which: ProgrammeForm, name: string, fallback = '') => (p.failed?.which === which ? (p.failed.values[name] ?? '') : fallback);
  const e = (which: ProgrammeForm): FieldErrors => (p.failed?.which === which ? p.failed.errors : {});
  const key = (which: ProgrammeForm) => (p.failed?.which === which ? p.failed.requestKey : undefined);
  const base = `/programmer/${p.programme.key}`;
  const csrf = <CsrfField token={p.request.csrfToken} />;
  const people = [...p.people].sort(byDanishName).map((x) => ({ value: x.id, label: x.title ? `${x.name}, ${x.title}` : x.name }));
  return (
    <section aria-labelledby="ret">
      <h2 id="ret">Ret programmet</h2>
      <form method="post" action={`${base}/status`} novalidate id="form-status">
        <h3>Sæt status</h3>
        {csrf}
        <RequestKeyField value={key('status')} />
        <SelectField name="status" label={FORM_LABELS.status!} options={statusOptions} value={v('status', 'status', 'groen')} error={e('status').status} required />
        <TextField name="statusOn" type="date" label={FORM_LABELS.statusOn!} value={v('status', 'statusOn', p.today)} error={e('status').statusOn} required />
        <TextArea name="comment" label={FORM_LABELS.comment!} value={v('status', 'comment')} error={e('status').comment} rows={3} />
        <button type="submit" class="button button-primary">
          Sæt status
        </button>
      </form>
      <form method="post" action={`${base}/milepaele`} novalidate id="form-milestone">
        <h3>Tilføj milepæl</h3>
        {csrf}
        <RequestKeyField value={key('milestone')} />
        <TextField name="title" label={FORM_LABELS.title!} value={v('milestone', 'title')} error={e('milestone').title} required />
        <TextField name="startsOn" type="date" label={FORM_LABELS.startsOn!} value={v('milestone', 'startsOn')} error={e('milestone').startsOn} required />
        <TextField name="endsOn" type="date" label={FORM_LABELS.endsOn!} hint="Kun for en periode, fx kurser august–oktober." value={v('milestone', 'endsOn')} error={e('milestone').endsOn} />
        <SelectField name="state" label={FORM_LABELS.state!} options={stateOptions} value={v('milestone', 'state', 'planlagt')} error={e('milestone').state} required />
        <button type="submit" class="button button-primary">
          Tilføj milepæl
        </button>
      </form>
      <form method="post" action={`${base}/noegletal`} novalidate id="form-figure">
        <h3>Nøgletal og målinger</h3>
        <p>Et nyt navn opretter et nøgletal; et eksisterende navn retter enhed og mål og tilføjer målingerne. En måling på en dag, der allerede har én, erstatter den.</p>
        {csrf}
        <RequestKeyField value={key('figure')} />
        <TextField name="name" label={FORM_LABELS.name!} value={v('figure', 'name')} error={e('figure').name} required />
        <TextField name="unit" label={FORM_LABELS.unit!} hint="Fx opgaver" value={v('figure', 'unit')} error={e('figure').unit} />
        <TextField name="target" label={FORM_LABELS.target!} hint="Tegnes som en stiplet linje." value={v('figure', 'target')} error={e('figure').target} />
        <TextArea name="points" label={FORM_LABELS.points!} hint="Én måling pr. linje: dd.mm.åååå;værdi, fx 01.05.2025;89000" value={v('figure', 'points')} error={e('figure').points} rows={5} />
        <button type="submit" class="button button-primary">
          Gem nøgletal
        </button>
      </form>
      <form method="post" action={`${base}/oplysninger`} novalidate id="form-details">
        <h3>Beskrivelse og ansvarlig</h3>
        {csrf}
        <TextArea name="description" label={FORM_LABELS.description!} value={v('details', 'description', p.programme.description)} error={e('details').description} rows={4} />
        <SelectField
          name="responsiblePersonId"
          label={FORM_LABELS.responsiblePersonId!}
          options={people}
          emptyLabel="Ingen ansvarlig"
          value={v('details', 'responsiblePersonId', p.programme.responsible?.id ?? '')}
          error={e('details').responsiblePersonId}
        />
        <button type="submit" class="button button-primary">
          Gem
        </button>
      </form>
    </section>
  );
}

