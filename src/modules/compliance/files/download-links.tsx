import type { PackageRow } from '../load-package.ts';
import { packageFileName } from './download-package.ts';

/**
 * The package's files for whoever reads it: the XLSX (every table, for the municipality's own
 * records) and the PDF (to read and file). Links, not buttons: a download changes nothing but
 * the access log.
 */
export function PackageDownloads({ pkg }: { pkg: PackageRow }): JSX.Element {
  const base = `/compliance/pakker/${pkg.id}`;
  return (
    <section aria-labelledby="pakke-filer">
      <h2 id="pakke-filer">Hent pakken</h2>
      <ul class="nobullet-list">
        <li>
          <a href={`${base}/compliancepakke.xlsx`} class="function-link" download={packageFileName(pkg, 'xlsx')}>
            Regneark (XLSX): Skema 1 med kolonne G, principper og rettigheder, leverandører og risici
          </a>
        </li>
        <li>
          <a href={`${base}/compliancepakke.pdf`} class="function-link" download={packageFileName(pkg, 'pdf')}>
            PDF: fortegnelse, leverandører, risici og risikooverblik
          </a>
        </li>
      </ul>
    </section>
  );
}

/** For Skema 1's page: the way to the import, on a draft (the page shows it to the package's authors only). */
export function RecordImportLink({ pkg }: { pkg: Pick<PackageRow, 'id' | 'status'> }): JSX.Element {
  if (pkg.status !== 'draft') return <></>;
  return (
    <a href={`/compliance/pakker/${pkg.id}/fortegnelse/import`} class="function-link">
      Importér Skema 1 fra regneark (XLSX eller CSV)
    </a>
  );
}
