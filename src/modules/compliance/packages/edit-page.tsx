import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, SelectField, TextArea } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PackageRow } from '../load-package.ts';
import type { RiskScale } from '../risk-scales.ts';
import { updatePackageLabels } from './update-package.ts';

/** The draft's introduction and risk scale; the rest of the package has its own pages. */
export function EditPackagePage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  scales: RiskScale[];
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const { pkg } = p;
  const v = (p.values ?? { introduction: pkg.introduction, scaleKey: pkg.scaleKey }) as Record<string, string | undefined>;
  const e = p.errors ?? {};
  return (
    <Layout title={`Ret ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={`/compliance/pakker/${pkg.id}`} class="function-link" safe>
          {`Tilbage til ${pkg.title}`}
        </a>
      </p>
      <h1 safe>{`Ret ${pkg.title}`}</h1>
      <ErrorSummary errors={e} labels={updatePackageLabels} />
      <form method="post" action={`/compliance/pakker/${pkg.id}/rediger`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextArea
          name="introduction"
          label="Introduktion"
          value={v.introduction ?? ''}
          error={e.introduction}
          hint="Det, kommunernes modtagere læser først: hvad pakken indeholder, og hvad der er nyt i år."
          rows={8}
        />
        <SelectField
          name="scaleKey"
          label="Risikoskala"
          value={v.scaleKey}
          error={e.scaleKey}
          options={p.scales.map((s) => ({ value: s.key, label: s.name }))}
        />
        <p>
          <a href="/compliance/risikoskalaer" class="function-link">
            Se skalaernes definitioner og matricer
          </a>
        </p>
        <button type="submit" class="button button-primary">
          Gem
        </button>
      </form>
    </Layout>
  );
}
