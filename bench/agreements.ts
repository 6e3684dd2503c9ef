import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../src/db/client.ts';
import { fileSha256, PDF, versionHash } from '../src/modules/agreements/files.ts';
import { agreement, agreementFile, agreementVersion } from '../src/modules/agreements/schema.ts';
import { solutions } from '../src/db/reference/solutions.ts';

/** Agreements the bench loads, each sent to all 98 municipalities: the matrix is 98 × this. */
export const BENCH_AGREEMENTS = 60;
const TITLE_PREFIX = 'BENCH-aftale ';
const TYPES = ['databehandleraftale', 'tilslutningsaftale', 'samarbejdsaftale'] as const;

/**
 * Sent agreements with one version, one document each, every municipality addressed, and about 70 %
 * signed, 5 % pending review, 5 % in dialogue (deterministic per agreement and municipality).
 * Set-based inserts: a few statements in all, on both engines.
 */
export async function addAgreements(db: Db): Promise<{ agreements: number; targets: number; signatures: number; seconds: number }> {
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    for (let n = 1; n <= BENCH_AGREEMENTS; n++) {
      const content = Buffer.from(`%PDF-1.4\n% bench ${n}\n%%EOF\n`, 'latin1');
      const file = { kind: 'document' as const, position: 0, sha256: fileSha256(content) };
      const [a] = await tx
        .insert(agreement)
        .values({
          type: TYPES[n % TYPES.length]!,
          title: `${TITLE_PREFIX}${String(n).padStart(3, '0')}`,
          status: 'sent',
          audienceRoleKey: 'programleder',
          deadline: '2030-06-30',
          lastDispatchedAt: new Date(),
        })
        .returning({ id: agreement.id });
      const [v] = await tx
        .insert(agreementVersion)
        .values({ agreementId: a!.id, number: 1, sha256: versionHash([file]) })
        .returning({ id: agreementVersion.id });
      await tx.insert(agreementFile).values({ versionId: v!.id, ...file, title: 'Aftale', filename: `bench-${n}.pdf`, contentType: PDF, size: content.length, content });
      await tx.update(agreement).set({ currentVersionId: v!.id }).where(sql`${agreement.id} = ${a!.id}`);
      const solution = solutions[n % solutions.length]!.key;
      await tx.execute(sql`insert into agreement_solution (agreement_id, solution_key) values (${a!.id}, ${solution})`);
    }
    const bucket = sql.raw(`mod(abs(hashtext(a.title || m.code)::bigint), 100)::int`);
    await tx.execute(sql`
      insert into agreement_target (agreement_id, municipality_code, in_dialogue, dialogue_since)
      select a.id, m.code, ${bucket} between 75 and 79, case when ${bucket} between 75 and 79 then now() end
      from agreement a cross join municipality m where a.title like ${`${TITLE_PREFIX}%`}`);
    await tx.execute(sql`
      insert into agreement_signature (agreement_id, version_id, municipality_code, method, state, signer_name, signer_title, signed_at, version_sha256, ip)
      select a.id, v.id, m.code, case when ${bucket} >= 70 then 'upload' else 'samspil' end,
             case when ${bucket} >= 70 then 'pending' else 'signed' end,
             'Programleder ' || m.name, 'Programleder', now() - (${bucket} || ' days')::interval, v.sha256, '10.0.0.1'
      from agreement a join agreement_version v on v.agreement_id = a.id cross join municipality m
      where a.title like ${`${TITLE_PREFIX}%`} and ${bucket} < 75`);
  });
  const [counts] = await rawRows<{ targets: number; signatures: number }>(
    db,
    sql`select (select count(*)::int from agreement_target) as targets, (select count(*)::int from agreement_signature) as signatures`,
  );
  return { agreements: BENCH_AGREEMENTS, targets: counts!.targets, signatures: counts!.signatures, seconds: (performance.now() - t0) / 1000 };
}

/** One bench agreement's id, for the status page. */
export async function benchAgreementId(db: Db): Promise<string> {
  const [row] = await rawRows<{ id: string }>(db, sql`select id from agreement where title = ${`${TITLE_PREFIX}001`}`);
  return row!.id;
}
