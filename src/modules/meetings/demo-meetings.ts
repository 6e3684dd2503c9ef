import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { fileSha256, PDF } from '../../platform/files/content-type.ts';
import { person, userAccount } from '../../platform/identity/schema.ts';
import { renderPdf } from '../../platform/pdf/render.ts';
import { agreement } from '../agreements/index.ts';
import { newsItem } from '../news/index.ts';
import { project } from '../tasks/index.ts';
import { meeting, meetingAgendaItem, meetingAgendaLink, meetingAgendaPresenter, meetingMaterial } from './schema.ts';

/** The deck's meeting (28 May 2025, the day before Ascension Day), the next one of 18 June and one ahead of the seeding day. */
export const DEMO_MAY_MEETING_TITLE = 'Programledermøde maj 2025';
export const DEMO_JUNE_MEETING_TITLE = 'Programledermøde juni 2025';
export const DEMO_NEXT_MEETING_TITLE = 'Næste programledermøde';
/** The May meeting's agenda in the deck's order. */
export const DEMO_MAY_AGENDA = ['Kort nyt fra KOMBIT', 'TEMA I: Aula – sletning, arkivering og ESDH-integration', 'TEMA II: K98-aftalen – proces og spørgsmål/svar', 'Spørgsmål og afrunding'] as const;
export const DEMO_MAY_MATERIAL = 'Præsentation programledermøde maj 2025.pdf';

/**
 * Presenters at KOMBIT. The deck names real employees; the demo keeps their titles with made-up
 * names, reusing the news demo's contact people where they fit (found by e-mail).
 */
const PRESENTERS = [
  { key: 'kort-nyt', name: 'Birgitte Berg', title: 'Chefkonsulent', email: 'kort-nyt@samspil.demo' },
  { key: 'aula', name: 'Mads Aulsen', title: 'Produktchef, Aula', email: 'aula-produktchef@samspil.demo' },
  { key: 'k98', name: 'Kirsten Skovby', title: 'Managementkonsulent, K98', email: 'k98-kontakt@samspil.demo' },
] as const;
type PresenterKey = (typeof PRESENTERS)[number]['key'];

/** The deck's "Kort nyt" items the first agenda item points at (the news demo's titles). */
export const DEMO_MAY_NEWS = [
  'KLIK-opgaver af kritisk og tværgående karakter',
  'Byg og Miljø: vi mangler underskrifter på databehandleraftalen',
  'Samarbejdsaftale om konsekvensanalyse af Microsoft Education i skolerne',
  'Revideret og forenklet porteføljeoversigt',
  'Status på VALG',
  'Status på kontanthjælpsreformen',
  'Sygedagpengereformen: det betyder aftalen for KSD',
  'KOMBIT på Folkemødet',
  'Borgerblikket: unges adgang til egne sager',
];

type DemoItem = { title: string; minutes: number; description: string; presenters: PresenterKey[]; news?: string[]; programmes?: string[]; agreements?: string[] };
type DemoMeeting = { title: string; day: string; from: [number, number]; to: [number, number]; place: string; onlineLink: string | null; practicalInfo: string; recordingLink: string | null; items: DemoItem[] };

const PRACTICAL = [
  'Mødet holdes på Teams. Linket virker fra kl. 9.45.',
  '',
  '- Hold mikrofonen slukket, når du ikke taler, og skriv spørgsmål i chatten.',
  '- Mødet optages; optagelsen og præsentationen sendes ud efter mødet.',
  '- Input til kommende møder kan sendes under **Møder** i Samspil.',
].join('\n');

function meetings(today: string): DemoMeeting[] {
  const ahead = new Date(Date.parse(`${today}T12:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
  return [
    {
      title: DEMO_MAY_MEETING_TITLE,
      day: '2025-05-28',
      from: [10, 0],
      to: [12, 0],
      place: '',
      onlineLink: 'https://moede.samspil.demo/programledermoede-2025-05',
      practicalInfo: PRACTICAL,
      recordingLink: 'https://video.samspil.demo/programledermoede-2025-05',
      items: [
        { title: DEMO_MAY_AGENDA[0], minutes: 30, presenters: ['kort-nyt'], news: DEMO_MAY_NEWS, programmes: ['valg-2025', 'kontanthjaelpsreformen', 'sygedagpengereformen'], description: 'Status fra KOMBIT: KLIK-opgaver af kritisk karakter, aftaler til underskrift, VALG, driften, kontanthjælps- og sygedagpengereformen, Folkemødet og Borgerblikket.' },
        {
          title: DEMO_MAY_AGENDA[1],
          minutes: 30,
          presenters: ['aula'],
          description: 'Produktchefen fortæller om sletteregler, opdaterede sletteprocedurer og journalisering af sikre filer, der skal gemmes, inden de slettes, og om integrationen til kommunernes ESDH-systemer.',
        },
        {
          title: DEMO_MAY_AGENDA[2],
          minutes: 40,
          presenters: ['k98'],
          agreements: ['K98-aftalen'],
          description: 'Status på processen for K98-aftalen og gennemgang af jeres og øvrige udvalgte spørgsmål til aftalen. Som programledere bør I understøtte kommunens interne beslutningsproces, så aftalen kan underskrives i tide.',
        },
        { title: DEMO_MAY_AGENDA[3], minutes: 20, presenters: [], description: 'Spørgsmål og kommentarer. Opfølgende mail med præsentationsmateriale, optagelse og en opsummering af jeres opgaver sendes efter mødet.' },
      ],
    },
    {
      title: DEMO_JUNE_MEETING_TITLE,
      day: '2025-06-18',
      from: [10, 0],
      to: [12, 0],
      place: '',
      onlineLink: 'https://moede.samspil.demo/programledermoede-2025-06',
      practicalInfo: PRACTICAL,
      recordingLink: null,
      items: [
        { title: 'Kort nyt fra KOMBIT', minutes: 30, presenters: ['kort-nyt'], description: 'Status fra KOMBIT.' },
        { title: 'Ny NemKonto', minutes: 40, presenters: [], description: 'KOMBIT er i dialog med Digitaliseringsstyrelsen om implementeringen af Ny NemKonto. Vi fortæller, hvad den betyder for kommunerne.' },
        { title: 'Spørgsmål og afrunding', minutes: 20, presenters: [], description: '' },
      ],
    },
    {
      title: DEMO_NEXT_MEETING_TITLE,
      day: ahead,
      from: [10, 0],
      to: [12, 0],
      place: 'KOMBIT, Halfdansgade 8, 2300 København S, mødelokale 1',
      onlineLink: 'https://moede.samspil.demo/programledermoede-naeste',
      practicalInfo: 'Mødet holdes både fysisk og online. Der er kaffe fra kl. 9.30. Tilmeld jer under **Møder**, så vi kan bestille forplejning.',
      recordingLink: null,
      items: [
        { title: 'Kort nyt fra KOMBIT', minutes: 30, presenters: ['kort-nyt'], description: 'Udkast: emnerne fastlægges ugen før mødet.' },
        { title: 'Tema: input fra kommunerne', minutes: 45, presenters: [], description: 'Udkast: emner fra kommunernes input til kommende møder.' },
        { title: 'Spørgsmål og afrunding', minutes: 15, presenters: [], description: '' },
      ],
    },
  ];
}

/** The May meeting's presentation: a small PDF with a fixed creation date, so its hash is stable. */
async function mayPresentation(): Promise<Buffer> {
  return renderPdf({
    info: { title: DEMO_MAY_MEETING_TITLE, author: 'KOMBIT', creationDate: danishTime('2025-05-28', 9, 0) } as never,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    content: [
      { text: DEMO_MAY_MEETING_TITLE, fontSize: 22, bold: true, margin: [0, 0, 0, 12] },
      { text: 'Dagsorden', fontSize: 14, bold: true, margin: [0, 0, 0, 6] },
      { ol: [...DEMO_MAY_AGENDA] },
      { text: 'Præsentationsmateriale (demo). Input til kommende møder sendes under Møder i Samspil.', margin: [0, 16, 0, 0], color: '#555555' },
    ],
  });
}

/** The meetings module's planning demo (issue #14 point 8). Idempotent: a meeting whose title exists is left alone. */
export async function seedDemoMeetingPlans(db: Db, now: Date): Promise<void> {
  const plans = meetings(danishDay(now));
  const pdf = await mayPresentation();
  await db.transaction(async (tx) => {
    const have = await tx.select({ title: meeting.title }).from(meeting).where(inArray(meeting.title, plans.map((m) => m.title)));
    const todo = plans.filter((m) => !have.some((h) => h.title === m.title));
    if (todo.length === 0) return;

    const emails = PRESENTERS.map((p) => p.email);
    const existing = await tx.select({ id: person.id, email: person.email }).from(person).where(and(isNull(person.municipalityCode), inArray(person.email, emails)));
    const missing = PRESENTERS.filter((p) => !existing.some((e) => e.email === p.email));
    const added = missing.length === 0 ? [] : await tx.insert(person).values(missing.map((p) => ({ name: p.name, title: p.title, email: p.email, municipalityCode: null }))).returning({ id: person.id, email: person.email });
    const presenterId = (key: PresenterKey) => [...existing, ...added].find((p) => p.email === PRESENTERS.find((x) => x.key === key)!.email)!.id;

    const items = todo.flatMap((m) => m.items);
    const [news, programmes, agreements, [consultant]] = await Promise.all([
      tx.select({ id: newsItem.id, title: newsItem.title }).from(newsItem).where(inArray(newsItem.title, [...new Set(items.flatMap((i) => i.news ?? []))].concat(['']))),
      tx.select({ id: project.id, key: project.key }).from(project).where(inArray(project.key, [...new Set(items.flatMap((i) => i.programmes ?? []))].concat(['']))),
      tx.select({ id: agreement.id, title: agreement.title }).from(agreement).where(inArray(agreement.title, [...new Set(items.flatMap((i) => i.agreements ?? []))].concat(['']))),
      tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'konsulent@samspil.demo')),
    ]);

    for (const m of todo) {
      const [row] = await tx
        .insert(meeting)
        .values({
          title: m.title,
          startsAt: danishTime(m.day, ...m.from),
          endsAt: danishTime(m.day, ...m.to),
          place: m.place,
          onlineLink: m.onlineLink,
          practicalInfo: m.practicalInfo,
          recordingLink: m.recordingLink,
          createdAt: now,
          updatedAt: now,
          createdBy: consultant?.id ?? null,
        })
        .returning({ id: meeting.id });
      const meetingId = row!.id;
      const rows = await tx
        .insert(meetingAgendaItem)
        .values(m.items.map((item, i) => ({ meetingId, position: i + 1, title: item.title, minutes: item.minutes, description: item.description, createdAt: now })))
        .returning({ id: meetingAgendaItem.id, position: meetingAgendaItem.position });
      const idAt = (i: number) => rows.find((r) => r.position === i + 1)!.id;
      const presenters = m.items.flatMap((item, i) => item.presenters.map((key) => ({ agendaItemId: idAt(i), personId: presenterId(key) })));
      if (presenters.length > 0) await tx.insert(meetingAgendaPresenter).values(presenters);
      // What another module's demo has not made (yet) is left out rather than failing the seed.
      const links = m.items.flatMap((item, i) => [
        ...news.filter((n) => item.news?.includes(n.title)).map((n) => ({ agendaItemId: idAt(i), newsId: n.id })),
        ...programmes.filter((p) => item.programmes?.includes(p.key)).map((p) => ({ agendaItemId: idAt(i), projectId: p.id })),
        ...agreements.filter((a) => item.agreements?.includes(a.title)).map((a) => ({ agendaItemId: idAt(i), agreementId: a.id })),
      ]);
      if (links.length > 0) await tx.insert(meetingAgendaLink).values(links);
      if (m.title === DEMO_MAY_MEETING_TITLE) {
        await tx.insert(meetingMaterial).values({
          meetingId,
          filename: DEMO_MAY_MATERIAL,
          contentType: PDF,
          size: pdf.length,
          sha256: fileSha256(pdf),
          content: pdf,
          uploadedBy: consultant?.id ?? null,
          uploadedAt: danishTime('2025-05-28', 12, 30),
        });
      }
    }
  });
}
