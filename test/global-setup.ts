import type { TestProject } from 'vitest/node';
import { demoSeed } from './app.ts';
import { createTemplates } from './db-templates.ts';
import { adminUrl, engine } from './db.ts';

/** Once per vitest run: the template databases every test file copies (see test/db-templates.ts). */
export default async function setup(project: TestProject) {
  const t0 = Date.now();
  const { templates, drop } = await createTemplates(engine, adminUrl, demoSeed);
  project.provide('dbTemplates', templates);
  console.log(`Template databases (${engine}) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return drop;
}
