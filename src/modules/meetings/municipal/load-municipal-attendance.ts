import type { AttentionCtx } from '../../../platform/attention/provider.ts';
import { isMunicipalSpeaker } from '../policy.ts';
import type { MeetingHead } from '../sections.ts';
import { hasEnded } from '../meeting-row.ts';
import { listAttendees, municipalityPeople } from './queries.ts';
import type { MunicipalAttendanceData } from './views/attendance.tsx';

/** A municipal user's view of a meeting's attendance: its own registrations, and the people to pick from when the user may register. */
export async function loadMunicipalAttendance(ctx: AttentionCtx, m: MeetingHead): Promise<MunicipalAttendanceData> {
  const code = ctx.actor.municipalityCode!;
  const ended = hasEnded(m, ctx.now);
  const canRegister = isMunicipalSpeaker(ctx.actor, code);
  const [rows, people] = await Promise.all([listAttendees(ctx.db, ctx.actor, m.id, code), canRegister && !ended ? municipalityPeople(ctx.db, code) : Promise.resolve([])]);
  return { meetingId: m.id, municipalityName: ctx.actor.municipalityName ?? code, rows, ended, canRegister, people };
}
