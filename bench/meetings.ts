import { sql } from 'drizzle-orm';
import type { Config } from '../src/config.ts';
import { rawRows, type Db } from '../src/db/client.ts';
import { sendFollowUp } from '../src/modules/meetings/follow-up/send-follow-up.ts';
import { meeting, meetingMaterial } from '../src/modules/meetings/schema.ts';
import { consultantActor } from './aula.ts';
import { percentile } from './load.ts';
import type { RouteResult } from './report.ts';

/**
 * The meeting follow-up (issue #14 points 6 and 9): a program leader meeting held yesterday with
 * three materials and a recording, and each municipality's preview (its program leaders, what it
 * owes from the bench's tasks, agreements, compliance package and yearly documents) with the
 * municipality rotated over all 98 requests; then the send to all 98 as a bare call.
 */

/** The issue's target for the preview at 8 connections. */
export const FOLLOW_UP_TARGET_P95_MS = 250;
export const FOLLOW_UP_SEND_LABEL = 'sendFollowUp (opfoelgning: all 98 municipalities, one transaction)';

export type MeetingVolume = { meetingId: string; municipalities: string[]; seconds: number };

export async function addMeeting(db: Db): Promise<MeetingVolume> {
  const t0 = performance.now();
  const startsAt = new Date(Date.now() - 24 * 3600_000);
  const [m] = await db
    .insert(meeting)
    .values({
      title: 'Programledermøde (bench)',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      place: 'KOMBIT, Halfdansgade 8, København S',
      recordingLink: 'https://video.kombit.example/programledermoede-bench',
    })
    .returning({ id: meeting.id });
  await db.insert(meetingMaterial).values(
    ['Kort nyt fra KOMBIT.pdf', 'TEMA I Aula.pdf', 'TEMA II K98.pdf'].map((filename) => ({
      meetingId: m!.id,
      filename,
      contentType: 'application/pdf',
      size: 4,
      sha256: 'bench',
      content: Buffer.from('%PDF'),
    })),
  );
  const codes = await rawRows<{ code: string }>(db, sql`select code from municipality order by code`);
  return { meetingId: m!.id, municipalities: codes.map((c) => c.code), seconds: (performance.now() - t0) / 1000 };
}

export type MeetingRoute = { label: string; paths: string[]; headers: Record<string, string>; group: 'moeder' };

/** The preview as page and as API, each checked once for Faxe first (its tasks must be named). */
export async function meetingRoutes(origin: string, cookie: string, v: MeetingVolume): Promise<MeetingRoute[]> {
  const page = (code: string) => `/moeder/${v.meetingId}/opfoelgning?kommune=${code}`;
  const api = (code: string) => `/api/v1/meetings/${v.meetingId}/follow-up/preview?municipality=${code}`;
  for (const path of [page('0320'), api('0320')]) {
    const res = await fetch(`${origin}${path}`, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes('Det mangler Faxe Kommune')) throw new Error(`check of GET ${path} failed: status ${res.status}`);
  }
  const n = v.municipalities.length;
  return [
    { label: `GET /moeder/:id/opfoelgning?kommune= (opfoelgning: the preview page, all ${n} municipalities in turn, consultant)`, paths: v.municipalities.map(page), headers: { cookie }, group: 'moeder' },
    { label: `GET /api/v1/meetings/:id/follow-up/preview?municipality= (opfoelgning: the preview as JSON, all ${n} in turn)`, paths: v.municipalities.map(api), headers: { cookie }, group: 'moeder' },
  ];
}

export type SendTiming = { ms: number; recipients: number; municipalities: number; mails: number };

/** The send as the consultant, once: the server is idle. */
export async function timeFollowUpSend(db: Db, config: Config, v: MeetingVolume): Promise<SendTiming> {
  const actor = await consultantActor(db);
  const t0 = performance.now();
  const r = await sendFollowUp({ actor, db, now: new Date(), requestId: 'bench', config }, v.meetingId, 'bench-send');
  const ms = performance.now() - t0;
  const [mails] = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from outbox_mail where dedupe_key like ${`meeting-follow-up:${v.meetingId}:%`}`);
  return { ms, recipients: r.recipients, municipalities: r.municipalities, mails: mails?.n ?? 0 };
}

export function meetingLines(v: MeetingVolume, results: readonly RouteResult[], send: SendTiming | null): string[] {
  const lines = [`Meetings: one held meeting with 3 materials and a recording, loaded in ${v.seconds.toFixed(1)} s`];
  for (const r of results.filter((x) => x.label.includes('opfoelgning: the preview'))) {
    const p95 = percentile(r.result.latenciesMs, 95);
    lines.push(`  ${r.label.slice(0, r.label.indexOf(' ('))}: p95 ${p95.toFixed(1)} ms – target ≤ ${FOLLOW_UP_TARGET_P95_MS} ms: ${p95 <= FOLLOW_UP_TARGET_P95_MS ? 'PASS' : 'FAIL'}`);
  }
  if (send) {
    lines.push(`  ${FOLLOW_UP_SEND_LABEL}: ${(send.ms / 1000).toFixed(2)} s, ${send.recipients} recipients in ${send.municipalities} municipalities, ${send.mails} mails queued`);
  }
  return lines;
}
