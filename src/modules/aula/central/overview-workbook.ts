import { toXlsxWorkbook, typedSheet, type KeyedColumn } from '../../../platform/spreadsheet/write.ts';
import { READINESS_LABEL } from '../municipal/labels.ts';
import { readinessItems } from '../schema.ts';
import type { CountRow, Overview, OverviewRow } from './load-overview.ts';
import { archiveStateText, archiveText, esdhText, integrationText, vendorInTestText } from './overview-text.ts';

/**
 * The overview's rows (as filtered) as a workbook, with the two count tables beside them. Counts
 * are numbers so they add up in Excel; the column keys are stable (change a header, never a key).
 */
export async function overviewWorkbook(o: Overview): Promise<Buffer> {
  const rows: KeyedColumn<OverviewRow>[] = [
    { key: 'code', header: 'Kommunekode', value: (r) => r.code, width: 14 },
    { key: 'name', header: 'Kommune', value: (r) => r.name, width: 22 },
    { key: 'region', header: 'Region', value: (r) => r.region, width: 22 },
    { key: 'esdh', header: 'ESDH-system', value: esdhText, width: 22 },
    { key: 'vendorInTest', header: 'Leverandør i end-to-end-testen', value: vendorInTestText, width: 16 },
    { key: 'integration', header: 'Integrationens status', value: integrationText, width: 22 },
    { key: 'archive', header: 'Arkiv', value: archiveText, width: 28 },
    { key: 'archiveState', header: 'Afleveringens status', value: archiveStateText, width: 32 },
    { key: 'archivePlannedOn', header: 'Planlagt aflevering', value: (r) => (r.archive.plannedOn ? new Date(`${r.archive.plannedOn}T12:00:00Z`) : null), width: 16 },
    { key: 'readinessDone', header: `Tjekliste klaret (af ${readinessItems.length})`, value: (r) => r.readinessDone, width: 16 },
    ...readinessItems.map((item): KeyedColumn<OverviewRow> => ({ key: `readiness.${item}`, header: READINESS_LABEL[item], value: (r) => r.readiness.some((x) => x.item === item && x.done), width: 20 })),
    { key: 'total', header: `Filer over slettefristen ${o.day}`, value: (r) => r.deletion.total, width: 18 },
    { key: 'journalised', header: 'Heraf journaliseret', value: (r) => r.deletion.journalised, width: 16 },
    { key: 'atRisk', header: `I risiko for sletning uden journalisering ${o.day}`, value: (r) => r.deletion.atRisk, width: 22 },
  ];
  const counts = (head: string): KeyedColumn<CountRow>[] => [
    { key: 'group', header: head, value: (c) => c.label, width: 26 },
    { key: 'municipalities', header: 'Kommuner', value: (c) => c.municipalities, width: 12 },
    { key: 'ready', header: 'Klar til sletteregler', value: (c) => c.ready, width: 18 },
    { key: 'atRisk', header: 'Filer i risiko', value: (c) => c.atRisk, width: 14 },
  ];
  return toXlsxWorkbook([
    typedSheet({ name: 'Kommuner', key: 'kommuner', columns: rows, rows: o.rows }),
    typedSheet({ name: 'Efter ESDH-system', key: 'esdh', columns: counts('ESDH-system'), rows: o.byEsdh }),
    typedSheet({ name: 'Efter region', key: 'region', columns: counts('Region'), rows: o.byRegion }),
  ]);
}
