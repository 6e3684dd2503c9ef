import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { fileSha256, PDF } from '../../../platform/files/content-type.ts';
import { renderPdf } from '../../../platform/pdf/render.ts';
import { formatDayLong } from '../../../platform/views/format.ts';
import { council, councilMeeting, councilMember, meetingFile, meetingItem, type MeetingFileKind } from '../schema.ts';

/**
 * The K98 governance of the deck's governance slide and timeline: the Porteføljeråd with its seats
 * (a kommunaldirektør from each of the five KKR geographies, KOMDIR, two municipal
 * økonomidirektører, ØDF, a municipal IT- og digitaliseringschef, the forperson of each Fagråd, ATP
 * (UDK), KL and two from KOMBIT's direktion), two Fagråd, and 2026's meetings: the first Fagråd
 * meetings and the first Porteføljeråd meeting in January (held, with agenda, decisions, dagsorden
 * and referat), and the year's two further meetings of each, whose character the deck names (the
 * strategic direction in spring, the current solutions in autumn). The people are invented.
 * Seeding twice changes nothing: the councils' keys say it is done.
 */

type Seat = { seat: string; name: string | null; organisation?: string; municipalityCode?: string; chair?: boolean };
type Item = { title: string; description?: string; decision?: string };
type Meeting = { date: string; title: string; location: string; items: Item[]; held: boolean };

const KOMBIT_ADDRESS = 'KOMBIT, Halfdansgade 8, 2300 København S';

const FAGRAAD: { key: string; name: string; area: string; description: string; forperson: Seat; seats: Seat[]; meetings: Meeting[] }[] = [
  {
    key: 'fagraad-beskaeftigelse',
    name: 'Fagråd for beskæftigelse og ydelser',
    area: 'Beskæftigelse og ydelser (KY, KSD, SAPA og KP)',
    description: 'Forbereder prioriteringerne for Kommunernes Ydelsessystem, Kommunernes Sygedagpengesystem, Sags- og Partsoverblik og Kommunernes Pensionssystem og følger løsningerne i drift.',
    forperson: { seat: 'Forperson, direktør for beskæftigelse', name: 'Lone Vestergaard', municipalityCode: '0630', chair: true },
    seats: [
      { seat: 'Beskæftigelseschef, KKR Hovedstaden', name: 'Mads Holm', municipalityCode: '0230' },
      { seat: 'Ydelseschef, KKR Sjælland', name: 'Pia Kjær', municipalityCode: '0370' },
      { seat: 'Ydelseschef, KKR Midtjylland', name: null },
      { seat: 'Jobcenterchef, KKR Nordjylland', name: 'Anders Bech', municipalityCode: '0813' },
      { seat: 'Repræsentant for KL', name: 'Camilla Friis', organisation: 'KL' },
      { seat: 'Programchef, KOMBIT', name: 'Jens Lund', organisation: 'KOMBIT' },
    ],
    meetings: [
      {
        date: '2026-01-13',
        title: '1. Fagrådsmøde 2026',
        location: KOMBIT_ADDRESS,
        held: true,
        items: [
          { title: 'Godkendelse af dagsorden', decision: 'Dagsordenen blev godkendt.' },
          {
            title: 'Kommende års prioriteringer: forslag til prioriteringspuljen',
            description: 'Forslagene fra kommunerne og KOMBIT inden for beskæftigelse og ydelser.',
            decision: 'Fagrådet behandlede forslagene og indstiller tre af dem til Porteføljerådet. De øvrige afventer en nærmere beskrivelse af gevinsterne.',
          },
          {
            title: 'Forretningsmæssigt vedligehold i KY og KSD',
            decision: 'Fagrådet anbefaler, at der også i 2026 prioriteres et minimum af forretningsmæssigt vedligehold til begge løsninger.',
          },
          { title: 'Eventuelt', decision: 'Intet.' },
        ],
      },
      {
        date: '2026-05-05',
        title: '2. Fagrådsmøde 2026',
        location: 'Online',
        held: false,
        items: [{ title: 'Godkendelse af dagsorden' }, { title: 'Den strategiske retning for digitalisering i beskæftigelsesindsatsen' }, { title: 'Eventuelt' }],
      },
      { date: '2026-09-08', title: '3. Fagrådsmøde 2026', location: KOMBIT_ADDRESS, held: false, items: [{ title: 'De nuværende it-løsninger: status og driftsstabilitet' }] },
    ],
  },
  {
    key: 'fagraad-borgerservice',
    name: 'Fagråd for borgerservice og velfærd',
    area: 'Borgerservice, valg, sundhed, byggeri og dagtilbud (Aula, Borgerblikket, Byg og Miljø, Sygesikring og Valg)',
    description: 'Forbereder prioriteringerne for løsningerne mod borgere og institutioner og følger dem i drift.',
    forperson: { seat: 'Forperson, borgerservicedirektør', name: 'Henrik Dahl', municipalityCode: '0657', chair: true },
    seats: [
      { seat: 'Borgerservicechef, KKR Hovedstaden', name: 'Sofie Lind', municipalityCode: '0157' },
      { seat: 'Valgsekretær, KKR Sjælland', name: 'Karen Bruun', municipalityCode: '0320' },
      { seat: 'Skolechef, KKR Syddanmark', name: 'Peter Skov', municipalityCode: '0461' },
      { seat: 'Byggesagschef, KKR Nordjylland', name: null },
      { seat: 'Repræsentant for KL', name: 'Ulla Winther', organisation: 'KL' },
      { seat: 'Programchef, KOMBIT', name: 'Maria Krogh', organisation: 'KOMBIT' },
    ],
    meetings: [
      {
        date: '2026-01-15',
        title: '1. Fagrådsmøde 2026',
        location: 'Online',
        held: true,
        items: [
          { title: 'Godkendelse af dagsorden', decision: 'Dagsordenen blev godkendt.' },
          {
            title: 'Kommende års prioriteringer: forslag til prioriteringspuljen',
            description: 'Forslagene inden for borgerservice, valg, sundhed, byggeri og dagtilbud.',
            decision: 'Fagrådet indstiller to forslag til Porteføljerådet: bedre statistik i Valg og en forenklet ansøgning i Byg og Miljø.',
          },
          { title: 'Aula: plan for forretningsmæssigt vedligehold', decision: 'Taget til efterretning.' },
        ],
      },
      { date: '2026-05-07', title: '2. Fagrådsmøde 2026', location: 'Online', held: false, items: [{ title: 'Den strategiske retning for digital borgerservice' }] },
      { date: '2026-09-10', title: '3. Fagrådsmøde 2026', location: KOMBIT_ADDRESS, held: false, items: [{ title: 'De nuværende it-løsninger: status og driftsstabilitet' }] },
    ],
  },
];

const PORTFOLIO_SEATS: Seat[] = [
  { seat: 'Kommunaldirektør, KKR Hovedstaden', name: 'Birgitte Holst', municipalityCode: '0157' },
  { seat: 'Kommunaldirektør, KKR Sjælland', name: 'Thomas Riis', municipalityCode: '0316' },
  { seat: 'Kommunaldirektør, KKR Syddanmark', name: 'Jette Mørk', municipalityCode: '0461' },
  { seat: 'Kommunaldirektør, KKR Midtjylland', name: 'Søren Aagaard', municipalityCode: '0751', chair: true },
  { seat: 'Kommunaldirektør, KKR Nordjylland', name: 'Hanne Thorsen', municipalityCode: '0851' },
  { seat: 'Repræsentant for Kommunaldirektørforeningen (KOMDIR)', name: 'Erik Vinther', organisation: 'Kommunaldirektørforeningen (KOMDIR)' },
  { seat: 'Kommunal økonomidirektør', name: 'Lene Hougaard', municipalityCode: '0370' },
  { seat: 'Kommunal økonomidirektør', name: null },
  { seat: 'Repræsentant for Økonomidirektørforeningen (ØDF)', name: 'Niels Brandt', organisation: 'Økonomidirektørforeningen (ØDF)' },
  { seat: 'Kommunal IT- og digitaliseringschef', name: 'Mette Skovgaard', municipalityCode: '0320' },
  ...FAGRAAD.map((f) => ({ ...f.forperson, seat: `Forperson for ${f.name}`, chair: false })),
  { seat: 'Repræsentant for ATP (Udbetaling Danmark)', name: 'Jakob Fisker', organisation: 'ATP (Udbetaling Danmark)' },
  { seat: 'Repræsentant for KL', name: 'Anne Mikkelsen', organisation: 'KL' },
  { seat: 'Repræsentant for KOMBITs direktion', name: 'Rasmus Ebbesen', organisation: 'KOMBIT' },
  { seat: 'Repræsentant for KOMBITs direktion', name: 'Dorthe Lauridsen', organisation: 'KOMBIT' },
];

const PORTFOLIO_MEETINGS: Meeting[] = [
  {
    date: '2026-01-27',
    title: '1. Porteføljerådsmøde 2026',
    location: KOMBIT_ADDRESS,
    held: true,
    items: [
      { title: 'Godkendelse af dagsorden', decision: 'Dagsordenen blev godkendt.' },
      {
        title: 'Kommissorium for Fagråd og Porteføljeråd',
        decision: 'Kommissoriet blev godkendt og gøres tilgængeligt for alle kommuner.',
      },
      {
        title: 'Årshjul og standarddagsorden for de tre årlige møder',
        description: 'Møderne lægges op ad KOMBITs bestyrelsesmøder og har hver sin karakter.',
        decision: 'Godkendt: kommende års prioriteringer i januar, den strategiske retning i maj og de nuværende it-løsninger i september.',
      },
      {
        title: 'Prioriteringspuljen 2026: indstillinger fra fagrådene',
        decision: 'Porteføljerådet prioriterede de indstillede forslag inden for puljens ramme. Prioriteringen forelægges KOMBITs bestyrelse den 25. februar 2026.',
      },
      { title: 'Eventuelt', decision: 'Intet.' },
    ],
  },
  {
    date: '2026-05-26',
    title: '2. Porteføljerådsmøde 2026',
    location: KOMBIT_ADDRESS,
    held: false,
    items: [{ title: 'Godkendelse af dagsorden' }, { title: 'Den strategiske retning for digitalisering i forvaltningsområderne' }, { title: 'Eventuelt' }],
  },
  {
    date: '2026-09-22',
    title: '3. Porteføljerådsmøde 2026',
    location: KOMBIT_ADDRESS,
    held: false,
    items: [{ title: 'De nuværende it-løsninger i områderne' }, { title: 'Forberedelse af prioriteringerne for 2027' }],
  },
];

/** A dagsorden or referat as the secretariat would send it: the agenda, and for the referat each decision. */
async function meetingPdf(kind: MeetingFileKind, councilName: string, m: Meeting): Promise<Buffer> {
  const heading = kind === 'referat' ? 'Referat' : 'Dagsorden';
  return renderPdf({
    info: { title: `${heading}: ${councilName}, ${m.title}` },
    content: [
      { text: `${heading} – ${councilName}`, fontSize: 18, bold: true, margin: [0, 0, 0, 8] },
      { text: `${m.title}, ${formatDayLong(m.date)}, ${m.location}`, margin: [0, 0, 0, 16] },
      ...m.items.flatMap((item, i) => [
        { text: `${i + 1}. ${item.title}`, bold: true, margin: [0, 8, 0, 4] as [number, number, number, number] },
        ...(item.description ? [{ text: item.description }] : []),
        ...(kind === 'referat' ? [{ text: `Beslutning: ${item.decision ?? 'Ikke behandlet.'}`, italics: true }] : []),
      ]),
    ],
  });
}

async function seedCouncil(db: Db, c: { key: string; kind: 'portefoeljeraad' | 'fagraad'; name: string; area: string | null; description: string; seats: Seat[]; meetings: Meeting[]; sort: number }) {
  const [row] = await db.insert(council).values({ key: c.key, kind: c.kind, name: c.name, area: c.area, description: c.description, sort: c.sort }).returning({ id: council.id });
  const councilId = row!.id;
  await db.insert(councilMember).values(
    c.seats.map((s, i) => ({
      councilId,
      seat: s.seat,
      name: s.name,
      organisation: s.organisation ?? '',
      municipalityCode: s.municipalityCode ?? null,
      chair: s.chair ?? false,
      sort: i + 1,
    })),
  );
  const meetings: Record<string, string> = {};
  for (const m of c.meetings) {
    const [meeting] = await db.insert(councilMeeting).values({ councilId, meetingDate: m.date, title: m.title, location: m.location }).returning({ id: councilMeeting.id });
    const meetingId = meeting!.id;
    meetings[m.date] = meetingId;
    await db.insert(meetingItem).values(m.items.map((item, i) => ({ meetingId, position: i + 1, title: item.title, description: item.description ?? '', decision: m.held ? (item.decision ?? null) : null })));
    const kinds: MeetingFileKind[] = m.held ? ['dagsorden', 'referat'] : ['dagsorden'];
    for (const kind of kinds) {
      const content = await meetingPdf(kind, c.name, m);
      await db.insert(meetingFile).values({ meetingId, kind, filename: `${kind}-${c.key}-${m.date}.pdf`, contentType: PDF, size: content.length, sha256: fileSha256(content), content });
    }
  }
  return { councilId, meetings };
}

/** The councils and 2026's meetings; returns the councils' ids by key and the meetings' ids by council key and date (for the pool's demo steps). */
export async function seedDemoGovernance(db: Db): Promise<{ councils: Record<string, string>; meetings: Record<string, Record<string, string>> }> {
  const councils: Record<string, string> = {};
  const meetings: Record<string, Record<string, string>> = {};
  const [done] = await db.select({ id: council.id }).from(council).where(eq(council.key, 'portefoeljeraadet'));
  if (done) {
    const rows = await db.select({ key: council.key, id: council.id, date: councilMeeting.meetingDate, meetingId: councilMeeting.id }).from(council).leftJoin(councilMeeting, eq(councilMeeting.councilId, council.id));
    for (const r of rows) {
      councils[r.key] = r.id;
      if (r.date && r.meetingId) (meetings[r.key] ??= {})[r.date] = r.meetingId;
    }
    return { councils, meetings };
  }
  const portfolio = await seedCouncil(db, {
    key: 'portefoeljeraadet',
    kind: 'portefoeljeraad',
    name: 'Porteføljerådet',
    area: null,
    description:
      'Prioriterer på tværs af K98-løsningerne og prioriteringspuljen på grundlag af fagrådenes indstillinger og forelægger prioriteringen for KOMBITs bestyrelse. Sammensat efter K98-aftalens bilag 3.',
    seats: PORTFOLIO_SEATS,
    meetings: PORTFOLIO_MEETINGS,
    sort: 0,
  });
  councils.portefoeljeraadet = portfolio.councilId;
  meetings.portefoeljeraadet = portfolio.meetings;
  for (const [i, f] of FAGRAAD.entries()) {
    const seeded = await seedCouncil(db, { key: f.key, kind: 'fagraad', name: f.name, area: f.area, description: f.description, seats: [f.forperson, ...f.seats], meetings: f.meetings, sort: i + 1 });
    councils[f.key] = seeded.councilId;
    meetings[f.key] = seeded.meetings;
  }
  return { councils, meetings };
}
