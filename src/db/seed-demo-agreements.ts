import type { Db } from './client.ts';

/** Placeholder: the deck's agreements (Byg og Miljø DPA, Microsoft Education, K98) land with issue #4. */
export async function seedDemoAgreements(_db: Db): Promise<void> {}
