import type { Content } from 'pdfmake/interfaces.js';
import { fileSha256 } from '../../platform/files/content-type.ts';
import { renderPdf } from '../../platform/pdf/render.ts';
import { danishTime } from '../../platform/days.ts';
import { formatDayLong } from '../../platform/views/format.ts';
import type { PlannedMeeting } from './demo-governance.ts';

/** A held meeting's minutes as a small PDF: its items and decisions. The creation date is the meeting's, so the hash is stable. */
export async function renderMinutes(m: PlannedMeeting, location: string): Promise<{ content: Buffer; sha256: string }> {
  const items = [...m.before, ...m.proposals, ...m.after];
  const content = await renderPdf({
    info: { title: `Referat: ${m.title}`, author: 'KOMBIT', creationDate: danishTime(m.date, 16) } as never,
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 64],
    defaultStyle: { fontSize: 10.5, lineHeight: 1.25 },
    content: [
      { text: `Referat: ${m.title}`, fontSize: 17, bold: true, margin: [0, 0, 0, 4] },
      { text: `${m.council.name}, ${formatDayLong(m.date)}, ${location}`, color: '#555555', margin: [0, 0, 0, 16] },
      ...items.flatMap((item, i): Content[] => [
        { text: `${i + 1}. ${item.title}`, bold: true, fontSize: 12, margin: [0, 10, 0, 4] },
        ...(item.description ? [{ text: item.description }] : []),
        { text: [{ text: 'Beslutning: ', bold: true }, item.decision], margin: [0, 4, 0, 0] },
      ]),
    ],
  });
  return { content, sha256: fileSha256(content) };
}
