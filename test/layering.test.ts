import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule in eslint.config.js (docs/decisions/0003-layering.md), run through ESLint's
 * own API on in-memory files placed where they would live, so a wrong import fails `npm test`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'samspil/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('refuses a platform file that imports a module', async () => {
    const errors = await layeringErrors('src/platform/auth/example.ts', "import { task } from '../../modules/tasks/index.ts';\nexport const t = task;\n");
    expect(errors).toEqual([expect.stringContaining('src/platform may not import a module')]);
  });

  it("refuses a module that reaches into another module's internal file", async () => {
    const errors = await layeringErrors(
      'src/modules/agreements/example.ts',
      "import { stepLabel } from '../tasks/inputs.ts';\nexport const l = stepLabel;\n",
    );
    expect(errors).toEqual([expect.stringContaining("import 'src/modules/tasks/index.ts' instead of src/modules/tasks/inputs.ts")]);
  });

  it('refuses re-exports and dynamic imports that reach into another module', async () => {
    const errors = await layeringErrors(
      'src/modules/portfolio/example.ts',
      "export { TASK_STATUS_DA } from '../tasks/status.ts';\nexport const load = () => import('../agreements/labels.ts');\n",
    );
    expect(errors).toHaveLength(2);
  });

  it("accepts a module that uses another through its index.ts, and its own files directly", async () => {
    const errors = await layeringErrors(
      'src/modules/portfolio/example.ts',
      "import { TASK_STATUS_DA } from '../tasks/index.ts';\nimport { PHASE_LABELS } from './portfolio-queries.ts';\nexport const x = [TASK_STATUS_DA, PHASE_LABELS];\n",
    );
    expect(errors).toEqual([]);
  });

  it("refuses a module file that imports its own index.ts (an import cycle)", async () => {
    const errors = await layeringErrors('src/modules/tasks/example.ts', "import { task } from './index.ts';\nexport const t = task;\n");
    expect(errors).toEqual([expect.stringContaining('never import its index.ts')]);
  });

  it('refuses src/db importing a module, except schema.ts gathering module schema files', async () => {
    expect(await layeringErrors('src/db/example.ts', "import { task } from '../modules/tasks/schema.ts';\nexport const t = task;\n")).toHaveLength(1);
    expect(await layeringErrors('src/db/schema.ts', "export * from '../modules/tasks/schema.ts';\n")).toEqual([]);
    expect(await layeringErrors('src/db/schema.ts', "export * from '../modules/tasks/demo.ts';\n")).toHaveLength(1);
  });

  it('leaves the composition root and the tests free to wire modules together', async () => {
    expect(await layeringErrors('src/modules/index.ts', "import { registerTasks } from './tasks/routes.ts';\nexport const r = registerTasks;\n")).toEqual([]);
    expect(await layeringErrors('test/example.ts', "import { stepLabel } from '../src/modules/tasks/inputs.ts';\nexport const l = stepLabel;\n")).toEqual([]);
  });
});
