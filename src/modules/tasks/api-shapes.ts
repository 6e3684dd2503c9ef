import { z } from 'zod';
import { iso } from '../../platform/http/api-schemas.ts';
import { answerKinds } from './schema.ts';

/** Shapes the task API uses in more than one place, so a step or a deadline change reads the same everywhere. */

export const stepOut = z
  .object({
    id: z.string(),
    position: z.number(),
    title: z.string(),
    instructions: z.string(),
    answerKind: z.enum(answerKinds),
    answerLabel: z.string(),
    answerPattern: z.string().nullable(),
    answerHint: z.string(),
  })
  .meta({ id: 'TaskStep' });

export const deadlineChangeOut = z
  .object({ fromDeadline: z.string(), toDeadline: z.string(), reason: z.string(), changedAt: z.string() })
  .meta({ id: 'DeadlineChange' });

export const presentDeadlineChange = (c: { fromDeadline: string; toDeadline: string; reason: string; changedAt: Date }) => ({
  fromDeadline: c.fromDeadline,
  toDeadline: c.toDeadline,
  reason: c.reason,
  changedAt: iso(c.changedAt)!,
});
