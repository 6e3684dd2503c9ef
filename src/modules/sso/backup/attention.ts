import { type SQL, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../../platform/attention/provider.ts';
import { type Actor, holds } from '../../../platform/context.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { backupReportPath } from '../paths.ts';
import { mayReadBackupReport } from '../policy.ts';

/** The municipality's Context Handler users without a MitID Erhverv link. */
const missingCount = (code: string): SQL =>
  sql`select count(*) from sso_identity ch join person on person.id = ch.person_id
      where ch.provider = 'context-handler' and person.active and person.municipality_code = ${code}
        and not exists (select 1 from sso_identity mi where mi.person_id = person.id and mi.provider = 'mitid-erhverv')`;

async function missingItems(ctx: AttentionCtx, code: string): Promise<AttentionItem[]> {
  const [row] = await rawRows<{ count: number | string }>(ctx.db, missingCount(code));
  const n = Number(row?.count ?? 0);
  if (n === 0) return [];
  return [
    {
      kind: 'sso.backup-missing',
      severity: 'warning',
      label: 'Reservelogin',
      title: `${formatNumber(n)} ${n === 1 ? 'bruger mangler' : 'brugere mangler'} MitID Erhverv som reservelogin`,
      detail: 'De logger ind med Context Handler og kan ikke logge ind, hvis Context Handler er nede.',
      href: backupReportPath(code),
    },
  ];
}

const isKlikAdmin = (actor: Actor) => actor.municipalityCode !== null && holds(actor, 'klik-administrator');

/**
 * The KLIK-administrator's front page, while any of the municipality's Context Handler users lack
 * a backup login; the municipality page for those who may read the report. One statement each.
 */
export const backupMissingProvider: AttentionProvider = {
  key: 'sso.backup-missing',
  heading: 'Reservelogin',
  order: 45,
  statements: 1,
  menu: 'kommuner',
  forActor: (ctx) => (isKlikAdmin(ctx.actor) ? missingItems(ctx, ctx.actor.municipalityCode!) : null),
  forMunicipality: (ctx, code) => (mayReadBackupReport(ctx.actor, code) ? missingItems(ctx, code) : null),
  countForActor: (actor) => (isKlikAdmin(actor) ? sql`select case when (${missingCount(actor.municipalityCode!)}) > 0 then 1 else 0 end` : null),
};
