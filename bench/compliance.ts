import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../src/db/client.ts';
import { buildPackageContent } from '../src/modules/compliance/content.ts';

export const BENCH_ACTIVITIES = 200;
export const BENCH_SUPPLIERS = 50;
export const BENCH_RISKS = 60;
const SOLUTION = 'sygesikring';
const YEAR = 2099;

/**
 * One published package the size the issue names (200 Skema 1 rows with categories and column G,
 * 50 suppliers of which every fifth a sub-processor, 60 risks over the whole matrix with two planned
 * measures each), delivered to all 98 municipalities; every municipality has opened and about half
 * acknowledged it, and each has responded to about 40 % of the risks (a third with own measures).
 * Set-based inserts, a few statements in all, on both engines.
 */
export async function addCompliance(db: Db): Promise<{ packageId: string; responses: number; seconds: number }> {
  const t0 = performance.now();
  const packageId = await db.transaction(async (tx) => {
    const [pkg] = await rawRows<{ id: string }>(
      tx,
      sql`insert into compliance_package (solution_key, year, scale_key, introduction, principles, security_measures)
          values (${SOLUTION}, ${YEAR}, 'datatilsynet-4x4', 'Benchpakke', 'Principper', 'Sikkerhed') returning id`,
    );
    const id = pkg!.id;
    await tx.execute(sql`
      insert into compliance_package_right (package_id, right_key, handling)
      select ${id}, key, 'Håndteres af kommunen.' from compliance_choice where list = 'right'`);
    await tx.execute(sql`
      insert into compliance_activity (package_id, ref, name, purpose, recipients, retention_key, deletion, sort)
      select ${id}, 'B' || n, 'Behandlingsaktivitet ' || n, 'Formål med behandling ' || n, 'Kommunens forvaltning', '5-aar', 'Slettes efter 5 år.', n
      from generate_series(1, ${BENCH_ACTIVITIES}) n`);
    const activities = sql`(select id, sort from compliance_activity where package_id = ${id}) a`;
    await tx.execute(sql`insert into compliance_activity_legal_basis (activity_id, basis_key) select a.id, k from ${activities} cross join (values ('art6-1-e'), ('dbl-11')) v(k)`);
    await tx.execute(sql`insert into compliance_activity_subject (activity_id, subject_key) select a.id, k from ${activities} cross join (values ('borgere'), ('boern'), ('foraeldre')) v(k)`);
    await tx.execute(sql`insert into compliance_activity_data (activity_id, data_key) select a.id, k from ${activities} cross join (values ('identifikation'), ('cpr'), ('helbred')) v(k)`);
    await tx.execute(sql`
      insert into compliance_column_g (activity_id, data_key, subject_key)
      select a.id, d, s from ${activities} cross join (values ('identifikation'), ('cpr'), ('helbred')) v(d) cross join (values ('borgere'), ('boern')) w(s)
      where (a.sort + length(d) + length(s)) % 3 <> 0`);
    await tx.execute(sql`
      insert into compliance_supplier (name, cvr, address, contract_party, role, processing_activity, locations, transfer_basis_key)
      select 'BENCH-leverandør ' || lpad(n::text, 2, '0'), (40000000 + n)::text, 'Benchvej ' || n || ', 2100 København Ø', 'KOMBIT',
             case when n % 5 = 0 then 'sub-processor' else 'processor' end, 'Drift og hosting', 'Danmark', 'eu-eoes'
      from generate_series(1, ${BENCH_SUPPLIERS}) n`);
    await tx.execute(sql`
      update compliance_supplier s set parent_id = p.id
      from compliance_supplier p
      where s.name like 'BENCH-leverandør %' and s.role = 'sub-processor' and p.name = 'BENCH-leverandør 01'`);
    await tx.execute(sql`insert into compliance_package_supplier (package_id, supplier_id) select ${id}, id from compliance_supplier where name like 'BENCH-leverandør %'`);
    await tx.execute(sql`
      insert into compliance_risk (package_id, ref, threat, impact, likelihood, consequence, existing_measures, residual_likelihood, residual_consequence, treatment, rationale, sort)
      select ${id}, 'R' || n, 'Trussel ' || n, 'Konsekvens for de registrerede ' || n, (n % 4) + 1, ((n / 4) % 4) + 1, 'Adgangsstyring og logning',
             greatest(1, (n % 4)), ((n / 4) % 4) + 1, case when n % 7 = 0 then 'accept' else 'reduce' end, case when n % 7 = 0 then 'Lav restrisiko' else '' end, n
      from generate_series(1, ${BENCH_RISKS}) n`);
    await tx.execute(sql`
      insert into compliance_risk_measure (risk_id, description, owner, deadline, sort)
      select r.id, 'Foranstaltning ' || m || ' til ' || r.ref, 'KOMBIT', date '2030-06-30', m
      from compliance_risk r cross join generate_series(1, 2) m where r.package_id = ${id}`);
    return id;
  });
  // Frozen as publishing freezes it, then delivered to every municipality.
  const content = await buildPackageContent(db, packageId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`update compliance_package set status = 'published', published_at = now(), published_content = ${JSON.stringify(content)}::jsonb where id = ${packageId}`);
    const bucket = sql.raw(`mod(abs(hashtext(m.code)::bigint), 100)::int`);
    await tx.execute(sql`
      insert into compliance_package_target (package_id, municipality_code, delivered_at, first_opened_at, acknowledged_at)
      select ${packageId}, m.code, now() - interval '20 days', now() - interval '19 days', case when ${bucket} < 50 then now() - interval '10 days' end
      from municipality m`);
    const rb = sql.raw(`mod(abs(hashtext(m.code || r.ref)::bigint), 100)::int`);
    await tx.execute(sql`
      insert into compliance_risk_response (package_id, risk_id, municipality_code, response, reason, residual_likelihood, residual_consequence)
      select ${packageId}, r.id, m.code,
             case when ${rb} < 13 then 'own-measures' when ${rb} < 35 then 'accepted' else 'not-relevant' end,
             case when ${rb} >= 35 then 'Bruges ikke i kommunen' else '' end,
             case when ${rb} < 13 then 1 end, case when ${rb} < 13 then r.consequence end
      from compliance_risk r cross join municipality m where r.package_id = ${packageId} and ${rb} < 40`);
    await tx.execute(sql`
      insert into compliance_response_measure (response_id, description, owner, deadline)
      select id, 'Egen foranstaltning', 'Kommunens informationssikkerhed', date '2030-01-31' from compliance_risk_response where package_id = ${packageId} and response = 'own-measures'`);
  });
  const [counts] = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from compliance_risk_response where package_id = ${packageId}`);
  return { packageId, responses: counts!.n, seconds: (performance.now() - t0) / 1000 };
}
