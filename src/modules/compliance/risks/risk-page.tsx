import type { FastifyRequest } from 'fastify';
import { Notice, PlainText } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ContentRisk } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import type { RiskAxisLevel, RiskLevelDef, RiskScale } from '../risk-scales.ts';
import { riskLevels, TREATMENT_DA } from './labels.ts';
import { LevelTag, WarningAlert } from './view-parts.tsx';
import { riskWarnings } from './warnings.ts';

/** A chosen value with its label and the definition it was chosen by. */
function AxisValue(p: { axis: RiskAxisLevel[]; value: number }): JSX.Element {
  const level = p.axis.find((l) => l.value === p.value);
  if (!level) return <span safe>{`${p.value} (uden for skalaen)`}</span>;
  return (
    <>
      <strong safe>{`${level.value} ${level.label}`}</strong>
      <br />
      <span class="form-hint" safe>
        {level.definition}
      </span>
    </>
  );
}

function Row(p: { label: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <tr>
      <th scope="row" safe>
        {p.label}
      </th>
      <td>{p.children as 'safe'}</td>
    </tr>
  );
}

const textOr = (s: string, none: string) => (s.trim() ? <PlainText text={s} /> : <span safe>{none}</span>);

function Assessment(p: { caption: string; scale: RiskScale; likelihood: number; consequence: number; level: RiskLevelDef }): JSX.Element {
  return (
    <table class="table table--compact samspil-risk-assessment">
      <caption safe>{p.caption}</caption>
      <tbody>
        <Row label="Sandsynlighed">
          <AxisValue axis={p.scale.likelihoods} value={p.likelihood} />
        </Row>
        <Row label="Konsekvens for de registrerede">
          <AxisValue axis={p.scale.consequences} value={p.consequence} />
        </Row>
        <Row label="Risikoniveau">
          <LevelTag level={p.level} />
        </Row>
      </tbody>
    </table>
  );
}

export function RiskPage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  scale: RiskScale;
  risk: ContentRisk;
  canEdit: boolean;
  saved: boolean;
  responses: JSX.Element;
}): JSX.Element {
  const { risk, scale } = p;
  const levels = riskLevels(scale, risk);
  const warnings = riskWarnings(risk, scale);
  const base = `/compliance/pakker/${p.pkg.id}/risici`;
  const savedText = warnings.length === 0 ? 'Risikoen er gemt.' : `Risikoen er gemt med ${warnings.length === 1 ? '1 advarsel' : `${warnings.length} advarsler`} – se nedenfor.`;
  return (
    <Layout title={`Risiko ${risk.ref} – ${p.pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p class="samspil-package-title" safe>
        {p.pkg.title}
      </p>
      <h1 safe>{`Risiko ${risk.ref}`}</h1>
      <PackageNav pkg={p.pkg} actor={p.request.actor!} current="risici" />
      <p>
        <a href={base} class="function-link">
          Tilbage til alle risici
        </a>
      </p>
      {p.saved ? <Notice kind={warnings.length === 0 ? 'success' : 'warning'} text={savedText} /> : ''}
      <WarningAlert warnings={warnings} headingId="advarsler" />
      {p.canEdit ? (
        <p class="samspil-actions">
          <a href={`${base}/${risk.id}/rediger`} class="button button-secondary">
            Ret risikoen
          </a>{' '}
          <a href={`${base}/${risk.id}/slet`} class="button button-tertiary">
            Slet risikoen
          </a>
        </p>
      ) : (
        ''
      )}
      <h2>Trussel og konsekvens</h2>
      <h3>Trussel/scenarie</h3>
      <PlainText text={risk.threat} />
      <h3>Konsekvens for de registrerede</h3>
      {textOr(risk.impact, 'Ikke beskrevet.')}
      <h2>Vurdering før foranstaltninger</h2>
      <ResponsiveTable>
        <Assessment caption="Risiko før foranstaltninger" scale={scale} likelihood={risk.likelihood} consequence={risk.consequence} level={levels.inherent} />
      </ResponsiveTable>
      <h2>Foranstaltninger</h2>
      <h3>Eksisterende foranstaltninger</h3>
      {textOr(risk.existingMeasures, 'Ingen beskrevet.')}
      <h3>Planlagte foranstaltninger</h3>
      {risk.measures.length === 0 ? (
        <p>Ingen planlagte foranstaltninger.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--zebra table--compact">
            <caption class="sr-only">Planlagte foranstaltninger med ejer og frist</caption>
            <thead>
              <tr>
                <th scope="col">Foranstaltning</th>
                <th scope="col">Ejer</th>
                <th scope="col">Frist</th>
              </tr>
            </thead>
            <tbody>
              {risk.measures.map((m) => (
                <tr>
                  <td safe>{m.description}</td>
                  <td safe>{m.owner || 'Ingen ejer'}</td>
                  <td>{m.deadline ? formatDeadline(m.deadline) : 'Ingen frist'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      <h2>Vurdering efter foranstaltninger</h2>
      <ResponsiveTable>
        <Assessment
          caption="Restrisiko efter foranstaltninger"
          scale={scale}
          likelihood={risk.residualLikelihood}
          consequence={risk.residualConsequence}
          level={levels.residual}
        />
      </ResponsiveTable>
      <h2>Håndtering</h2>
      <p>
        <strong safe>{TREATMENT_DA[risk.treatment]}</strong>
      </p>
      <h3>Begrundelse</h3>
      {textOr(risk.rationale, 'Ingen begrundelse.')}
      {p.responses as 'safe'}
    </Layout>
  );
}
