import type { Db } from '../../db/client.ts';

/** The demo's assessment task with extracts: some municipalities done, Faxe in progress. */
export async function seedDemoAssessment(_db: Db, _now: Date): Promise<void> {}
