import type { Db } from '../../src/db/client.ts';
import { council, councilMeeting, councilMember, meetingFile, meetingItem, type CouncilKind, type MeetingFileKind } from '../../src/modules/economy/schema.ts';
import { fileSha256 } from '../../src/platform/files/content-type.ts';
import { tinyPdf } from './agreements.ts';

/**
 * Builders that put the councils' rows straight into a test database: a council with its seats
 * (a seat without a name is vacant), and a meeting with its agenda and files (each file a tiny PDF
 * unless content is given).
 */

let seq = 0;

export type SeatSpec = { seat: string; name?: string | null; organisation?: string; municipalityCode?: string | null; chair?: boolean };

export async function buildCouncil(
  db: Db,
  spec: { key?: string; kind?: CouncilKind; name?: string; area?: string | null; description?: string; seats?: SeatSpec[] } = {},
): Promise<{ id: string; key: string; name: string; memberIds: string[] }> {
  const kind = spec.kind ?? 'fagraad';
  const n = ++seq;
  const key = spec.key ?? `testraad-${process.pid}-${n}`;
  const name = spec.name ?? `Testråd ${n}`;
  const [row] = await db
    .insert(council)
    .values({ key, kind, name, area: spec.area === undefined ? (kind === 'fagraad' ? `Område ${n}` : null) : spec.area, description: spec.description ?? '' })
    .returning({ id: council.id });
  const id = row!.id;
  const seats = spec.seats ?? [];
  const memberIds =
    seats.length === 0
      ? []
      : (
          await db
            .insert(councilMember)
            .values(
              seats.map((s, i) => ({
                councilId: id,
                seat: s.seat,
                name: s.name === undefined ? `Medlem ${i + 1}` : s.name,
                organisation: s.organisation ?? '',
                municipalityCode: s.municipalityCode ?? null,
                chair: s.chair ?? false,
                sort: i + 1,
              })),
            )
            .returning({ id: councilMember.id })
        ).map((r) => r.id);
  return { id, key, name, memberIds };
}

export type FileSpec = { kind: MeetingFileKind; filename?: string; content?: Buffer };

export async function buildMeeting(
  db: Db,
  councilId: string,
  spec: { date: string; title?: string; location?: string; items?: { title: string; description?: string; decision?: string | null }[]; files?: FileSpec[] },
): Promise<{ id: string; fileIds: string[] }> {
  const [row] = await db
    .insert(councilMeeting)
    .values({ councilId, meetingDate: spec.date, title: spec.title ?? `Møde ${spec.date}`, location: spec.location ?? '' })
    .returning({ id: councilMeeting.id });
  const id = row!.id;
  if (spec.items?.length) {
    await db.insert(meetingItem).values(spec.items.map((it, i) => ({ meetingId: id, position: i + 1, title: it.title, description: it.description ?? '', decision: it.decision ?? null })));
  }
  const fileIds: string[] = [];
  for (const [i, f] of (spec.files ?? []).entries()) {
    const content = f.content ?? tinyPdf(`${f.kind} ${id} ${i}`);
    const [file] = await db
      .insert(meetingFile)
      .values({ meetingId: id, kind: f.kind, filename: f.filename ?? `${f.kind}-${i + 1}.pdf`, contentType: 'application/pdf', size: content.length, sha256: fileSha256(content), content })
      .returning({ id: meetingFile.id });
    fileIds.push(file!.id);
  }
  return { id, fileIds };
}
