import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import type { FieldErrors } from '../../../platform/errors.ts';
import { SelectField, TextField } from '../../../platform/views/components.tsx';
import { priceModelKinds, type PriceModelKind } from '../schema.ts';
import { UNIT_PRICE_ROWS, type FormValues } from './price-model-form.ts';
import { KIND_FIELDS, KIND_NAMES } from './price-model-input.ts';

/**
 * The one price model form, drawn for the chosen kind: only that kind's fields are shown, so the
 * form never asks for what the model does not use. Changing the kind is a plain GET form above it
 * (no script), which keeps what was typed in the fields both kinds share.
 */

/** Økonomi › Priser 2025 › …: the trail back from a price page. */
export function PriceCrumbs(p: { year: number; here: string }): JSX.Element {
  return <Breadcrumbs trail={[{ href: '/oekonomi', label: 'Økonomi' }, { href: `/oekonomi/priser/${p.year}`, label: `Priser ${p.year}` }]} current={p.here} />;
}

const kindOptions = priceModelKinds.map((k) => ({ value: k, label: KIND_NAMES[k] }));

/** A GET form that redraws the page for another kind; `keep` are hidden fields it carries along. */
export function KindSwitch(p: { action: string; kind: PriceModelKind; keep?: Record<string, string> }): JSX.Element {
  return (
    <form method="get" action={p.action} class="samspil-actions">
      {Object.entries(p.keep ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <SelectField name="type" label="Prismodellens type" value={p.kind} options={kindOptions} />
      <button type="submit" class="button button-secondary">
        Vis felterne for typen
      </button>
    </form>
  );
}

function Hint(p: { kind: PriceModelKind }): JSX.Element {
  const text: Record<PriceModelKind, string> = {
    per_citizen: 'Hver kommune betaler prisen gange sit indbyggertal.',
    per_citizen_kink: 'Hver kommune betaler prisen for indbyggerne op til grænsen og den nedsatte pris for resten, fx 25,00 kr. og 50 % over 150.000.',
    fixed: 'Hver kommune betaler det samme beløb.',
    distributed: 'Beløbet fordeles på kommunerne efter indbyggertal; andelene giver tilsammen beløbet på øret. Med knækrabat tæller indbyggere over grænsen kun med den angivne procent.',
    usage: 'Hver kommune betaler sit forbrug gange enhedspriserne, fx antal valgkort × tryk 1,90 kr. + porto 7,40 kr. Forbruget indlæses pr. kommune bagefter.',
  };
  return <p class="form-hint" safe>{text[p.kind]}</p>;
}

/** The fields of the chosen kind, with the values and errors of the last attempt. */
export function PriceModelFields(p: { kind: PriceModelKind; solutions: { key: string; name: string }[]; values: FormValues; errors: FieldErrors }): JSX.Element {
  const { values: v, errors: e } = p;
  const uses = KIND_FIELDS[p.kind];
  return (
    <>
      <input type="hidden" name="kind" value={p.kind} />
      <p>
        <strong>Type: </strong>
        <span safe>{KIND_NAMES[p.kind]}</span>
      </p>
      <Hint kind={p.kind} />
      <SelectField name="solution" label="Løsning" value={v.solution ?? ''} options={p.solutions.map((s) => ({ value: s.key, label: s.name }))} error={e.solution} />
      <TextField name="label" label="Linjens navn" hint="Navnet på fakturalinjen, fx Infrastruktur pr. indbygger. Det skal være entydigt for løsningen i året." value={v.label} error={e.label} required />
      {uses.rate ? <TextField name="rate" label="Pris pr. indbygger (kr.)" hint="I kroner, fx 25,00" value={v.rate} error={e.rate} required /> : ''}
      {uses.amount ? (
        <TextField
          name="amount"
          label={p.kind === 'fixed' ? 'Beløb pr. kommune (kr.)' : 'Samlet beløb, der fordeles (kr.)'}
          hint="I kroner med punktum mellem tusinder, fx 300.000.000,00"
          value={v.amount}
          error={e.amount}
          required
        />
      ) : (
        ''
      )}
      {uses.kink !== 'none' ? (
        <fieldset>
          <legend class="h4">{uses.kink === 'required' ? 'Knækrabat' : 'Knækrabat (valgfri: lad begge felter stå tomme uden knækrabat)'}</legend>
          <TextField name="kinkThreshold" label="Grænse (indbyggere)" hint="Fx 150.000" value={v.kinkThreshold} error={e.kinkThreshold} required={uses.kink === 'required'} />
          <TextField name="kinkPercent" label="Procent over grænsen" hint="Et helt tal fra 0 til 100, fx 50" value={v.kinkPercent} error={e.kinkPercent} required={uses.kink === 'required'} />
        </fieldset>
      ) : (
        ''
      )}
      {uses.usage ? (
        <>
          <TextField name="usageUnit" label="Enhed" hint="Hvad der tælles, fx valgkort" value={v.usageUnit} error={e.usageUnit} required />
          <fieldset>
            <legend class="h4">Enhedspriser</legend>
            <p class="form-hint" safe>{`Mindst én, højst ${UNIT_PRICE_ROWS}. Tomme rækker springes over.`}</p>
            {Array.from({ length: UNIT_PRICE_ROWS }, (_, i) => (
              <div class="samspil-actions">
                <TextField name={`unitPrices.${i}.label`} label={`Enhedspris ${i + 1}: navn`} hint={i === 0 ? 'Fx tryk' : undefined} value={v[`unitPrices.${i}.label`]} error={e[`unitPrices.${i}.label`]} />
                <TextField name={`unitPrices.${i}.price`} label={`Enhedspris ${i + 1}: pris (kr.)`} hint={i === 0 ? 'Fx 1,90' : undefined} value={v[`unitPrices.${i}.price`]} error={e[`unitPrices.${i}.price`]} />
              </div>
            ))}
          </fieldset>
        </>
      ) : (
        ''
      )}
      <TextField name="sort" label="Rækkefølge i løsningen" hint="Lavest først; 0 hvis feltet står tomt" value={v.sort} error={e.sort} />
    </>
  );
}
