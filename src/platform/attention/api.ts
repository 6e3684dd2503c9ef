import { z } from 'zod';
import type { AttentionSection } from './provider.ts';
import { severityLabel } from './view.tsx';

const item = z
  .object({
    kind: z.string().describe('Fast nøgle for slags, fx `task.overdue`, `agreement.sign`, `gallery.vacancy`'),
    title: z.string(),
    detail: z.string().nullable(),
    dueDate: z.string().nullable().describe('Fristen som dansk dag (yyyy-mm-dd)'),
    waitingSince: z.string().nullable().describe('Hvornår sagen begyndte at vente (ISO 8601)'),
    link: z.string().describe('Stien i Samspil hvor sagen klares'),
    severity: z.enum(['alert', 'warning', 'info']),
    label: z.string().describe('Ordet i punktets mærke, fx Haster, Snart, Ubesat'),
  })
  .meta({ id: 'AttentionItem' });

export const attentionResponse = z
  .object({
    today: z.string(),
    sections: z.array(z.object({ key: z.string(), heading: z.string(), items: z.array(item) })),
  })
  .meta({ id: 'Attention' });

/** The items as the API returns them. */
export function attentionJson(sections: AttentionSection[], today: string): z.infer<typeof attentionResponse> {
  return {
    today,
    sections: sections.map((s) => ({
      key: s.key,
      heading: s.heading,
      items: s.items.map((i) => ({
        kind: i.kind,
        title: i.title,
        detail: i.detail ?? null,
        dueDate: i.due ?? null,
        waitingSince: i.since ? i.since.toISOString() : null,
        link: i.href,
        severity: i.severity,
        label: i.label ?? severityLabel[i.severity],
      })),
    })),
  };
}
