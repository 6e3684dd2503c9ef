import type { Actor, Ctx } from '../../../platform/context.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { CONTENT_TYPES } from '../../../platform/spreadsheet/formats.ts';
import { toXlsxWorkbook, typedSheet } from '../../../platform/spreadsheet/write.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { effectiveSettings, type EffectiveSettings, type KleSettings } from '../visibility/effective-entry.ts';
import type { PlanNumber } from './check-rows.ts';
import { EFFECTIVE_SHEET, KLE_COLUMN, SETTINGS_SHEET, settingColumns, TITLE_COLUMN } from './columns.ts';
import { loadPlanNumbers, municipalityName } from './load-workbook-data.ts';

type EntryRow = { kle: string; title: string; settings: Partial<KleSettings> };
type EffectiveRow = PlanNumber & { effective: EffectiveSettings };

/** "27.12, 27 og standard": the levels whose entries gave the number its values, nearest first. */
export function decidedByText(e: EffectiveSettings, kle: string): string {
  const levels = [...new Set(Object.values(e.decidedBy))];
  const named = levels.filter((l): l is string => l !== null).sort((a, b) => b.length - a.length);
  const parts = [...named.map((l) => (l === kle ? 'nummeret selv' : l)), ...(levels.includes(null) ? ['standard'] : [])];
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} og ${parts.at(-1)}`;
}

/**
 * A municipality's configuration as XLSX. The sheet «Opsætning» has one row per number with an
 * entry, a blank cell where the field is inherited: the file to edit and read back in. The sheet
 * «Gældende» has every number of the plan with the values that hold for it and where they come
 * from, for reading only (the import ignores it). Three statements whatever the plan's size.
 */
export async function exportConfiguration(ctx: Ctx & { actor: Actor }, code: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
  const [name, plan, config] = await Promise.all([municipalityName(ctx.db, code), loadPlanNumbers(ctx.db), loadConfiguration(ctx.db, code)]);
  const titles = new Map(plan.map((p) => [p.number, p.title]));
  const entries: EntryRow[] = [...config]
    .map(([kle, settings]) => ({ kle, title: titles.get(kle) ?? '', settings }))
    .sort((a, b) => (a.kle < b.kle ? -1 : a.kle > b.kle ? 1 : 0));
  const effective: EffectiveRow[] = plan.map((p) => ({ ...p, effective: effectiveSettings(config, p.number) }));
  const content = await toXlsxWorkbook([
    typedSheet<EntryRow>({
      ...SETTINGS_SHEET,
      columns: [
        { ...KLE_COLUMN, width: 12, value: (r) => r.kle },
        { ...TITLE_COLUMN, width: 40, value: (r) => r.title },
        ...settingColumns<EntryRow>((r) => r.settings),
      ],
      rows: entries,
    }),
    typedSheet<EffectiveRow>({
      ...EFFECTIVE_SHEET,
      columns: [
        { ...KLE_COLUMN, width: 12, value: (r) => r.number },
        { ...TITLE_COLUMN, width: 40, value: (r) => r.title },
        { key: 'expiredOn', header: 'Udgået', width: 12, value: (r) => (r.expiredOn ? new Date(`${r.expiredOn}T00:00:00Z`) : null) },
        ...settingColumns<EffectiveRow>((r) => r.effective),
        { key: 'decidedBy', header: 'Værdierne kommer fra', width: 28, value: (r) => decidedByText(r.effective, r.number) },
      ],
      rows: effective,
    }),
  ]);
  return { filename: `kle-opsaetning-${code}-${fileSlug(name)}-${danishDay(ctx.now)}.xlsx`, contentType: CONTENT_TYPES.xlsx, content };
}
