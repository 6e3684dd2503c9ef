import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { person } from '../../platform/identity/schema.ts';
import { project } from '../tasks/index.ts';
import { event, newsItem, newsItemProgramme, newsItemSolution } from './schema.ts';

/**
 * Contact people at KOMBIT for the deck's items. The deck names real employees; the demo keeps
 * their titles and gives them made-up names, like the other demo people (no login: they are
 * contacts, not users).
 */
const CONTACTS = [
  { key: 'kort-nyt', name: 'Birgitte Berg', title: 'Chefkonsulent', email: 'kort-nyt@samspil.demo' },
  { key: 'valg', name: 'Mikkel Valgø', title: 'Implementeringskonsulent, VALG', email: 'valg-kontakt@samspil.demo' },
  { key: 'ksd', name: 'Maja Sygesen', title: 'Domænespecialist', email: 'ksd-kontakt@samspil.demo' },
  { key: 'borgerblikket', name: 'Tobias Torp', title: 'Implementeringskonsulent, Borgerblikket', email: 'borgerblikket-kontakt@samspil.demo' },
] as const;
type ContactKey = (typeof CONTACTS)[number]['key'];

type DemoItem = { title: string; publishOn: string; contact: ContactKey; solutions: string[]; programmes: string[]; body: string };

/** "Kort nyt fra KOMBIT" from the May 2025 program leader meeting's deck. */
const DECK_DAY = '2025-05-26';
const DECK_ITEMS: DemoItem[] = [
  {
    title: 'KLIK-opgaver af kritisk og tværgående karakter',
    publishOn: DECK_DAY,
    contact: 'kort-nyt',
    solutions: ['flis', 'sapa'],
    programmes: ['flis'],
    body: 'Pr. 26. maj mangler **3 kommuner** at løse FLIS-opgaven og kan derfor ikke tilgå FLIS\' administrationsmodul: Brøndby, Norddjurs og Faxe.\n\nI skal senest have indmeldt AftaleID jf. KLIK-opgavens trin 3 den **28. maj** for at få adgang til årsopgørelsen i SAPA fra uge 23.',
  },
  {
    title: 'Byg og Miljø: vi mangler underskrifter på databehandleraftalen',
    publishOn: DECK_DAY,
    contact: 'kort-nyt',
    solutions: ['byg-og-miljoe'],
    programmes: [],
    body: 'Databehandleraftalerne blev udsendt første gang den 7. marts 2025 til programlederne, idet der endnu ikke var udpeget systemansvarlige for Byg og Miljø.\n\nPå grund af fejl i et bilag blev de sendt igen den 28. marts 2025 med frist for underskrift den 22. april 2025. KOMBIT sendte en påmindelse den 25. april 2025 til de kommuner, som ikke havde underskrevet ved fristen.\n\nSe på forsiden, om jeres kommune mangler at skrive under.',
  },
  {
    title: 'Samarbejdsaftale om konsekvensanalyse af Microsoft Education i skolerne',
    publishOn: DECK_DAY,
    contact: 'kort-nyt',
    solutions: [],
    programmes: [],
    body: 'En samarbejdsaftale om en fælleskommunal konsekvensanalyse af brugen af Microsoft Education i skolerne er sendt til underskrift i alle kommuner medio maj 2025. Alle programledere er sat cc på mailen til IT- og digitaliseringscheferne.\n\n- KOMBIT og KL samarbejder med en række kommuner; Københavns Kommune er den primære samarbejdspartner.\n- De øvrige kommuner har ingen opgaver i forbindelse med aftalen.\n- Det kommer ikke til at koste kommunerne noget.',
  },
  {
    title: 'Revideret og forenklet porteføljeoversigt',
    publishOn: DECK_DAY,
    contact: 'kort-nyt',
    solutions: [],
    programmes: [],
    body: 'KOMBITs porteføljeoversigt er revideret og forenklet. Find den på [dokumentbiblioteket](https://dok.kombit.dk/portefoeljeoversigt).',
  },
  {
    title: 'Status på VALG',
    publishOn: DECK_DAY,
    contact: 'valg',
    solutions: ['valg'],
    programmes: ['valg-2025'],
    body: 'Med **release 1.5 den 28. marts** er alle kendte fejl i VALG-løsningen rettet. To releases mere er planlagt inden sommer:\n\n- **1.6**: rettelser, som er nødvendige for arbejdsgangene ved valget i november\n- **1.7**: regionssammenlægning og bedre understøttelse af kredsvalg\n\nDer tages ikke flere ændringer med inden valget den 18. november. I august holdes kick-off- og releasemøder, og fra august til oktober kan der købes kurser.',
  },
  {
    title: 'KLIK-opgave om MitID Erhverv til alle brugere af VALG',
    publishOn: DECK_DAY,
    contact: 'valg',
    solutions: ['valg'],
    programmes: ['valg-2025'],
    body: 'KLIK bruges fremover til enkelte vigtige opgaver om VALG-løsningen. En KLIK-opgave om tildeling af MitID Erhverv til alle brugere publiceres til jeres VALG-systemansvarlige i juni, så alle brugere også kan logge ind, hvis Context Handleren er nede.',
  },
  {
    title: 'Status på kontanthjælpsreformen',
    publishOn: DECK_DAY,
    contact: 'kort-nyt',
    solutions: ['ky'],
    programmes: ['kontanthjaelpsreformen'],
    body: 'Den 1. maj 2025 blev der dannet **89.000 overgangsopgaver** i KY, og ca. 70.000 var behandlet den 23. maj. Der holdes ugentlige supportmøder.\n\nSe de publicerede og kommende KLIK-opgaver om reformen under Opgaver.',
  },
  {
    title: 'Sygedagpengereformen: det betyder aftalen for KSD',
    publishOn: DECK_DAY,
    contact: 'ksd',
    solutions: ['ksd'],
    programmes: ['sygedagpengereformen'],
    body: 'Tre ændringer i aftalen påvirker KSD:\n\n1. Borgere skal have deres indsats på samme ydelse (planlagt 1. januar 2027).\n2. Sygemeldte fra beskæftigelse flyttes ud af beskæftigelsesindsatsen (planlagt 1. juli 2026).\n3. Mere værdig tilgang til sygemeldte (planlagt 1. januar 2027).\n\nSTAR har en hotline om beskæftigelsesreformen: 72 21 74 01, hverdage 9.00–15.00. Se [STARs temaside](https://star.dk/implementering/beskaeftigelsesreform).',
  },
  {
    title: 'KOMBIT på Folkemødet',
    publishOn: DECK_DAY,
    contact: 'kort-nyt',
    solutions: [],
    programmes: [],
    body: 'KOMBIT deltager i fire debatter på Folkemødet: AI og omsorg, Cyberwalk, Børns data og Cyberdebat. Se tider og steder under Arrangementer.',
  },
  {
    title: 'Borgerblikket: unges adgang til egne sager',
    publishOn: DECK_DAY,
    contact: 'borgerblikket',
    solutions: ['borgerblikket'],
    programmes: ['borgerblikket'],
    body: 'Borgerblikket sænker aldersgrænsen til 15 år i Mit Overblik, så unge mellem 15 og 17 år kan se egne sager, hvor de er primær part. Kommunen kan hæve aldersgrænsen for visning af sager og ydelser.',
  },
];

const dayPlus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Two items from the last days and one waiting for its day, relative to `now`, so the front page and the drafts have something to show. */
function currentItems(today: string): DemoItem[] {
  return [
    {
      title: 'Aula: tjek jeres sikre filer før sletning',
      publishOn: dayPlus(today, -2),
      contact: 'kort-nyt',
      solutions: ['aula'],
      programmes: [],
      body: 'Sletteforhåndsvisningen under **Aula** viser, hvor mange sikre filer der passerer deres slettefrist de kommende måneder. Journalisér det, der skal gemmes, i tide.',
    },
    {
      title: 'Driftsstatus for den fælleskommunale infrastruktur',
      publishOn: dayPlus(today, -5),
      contact: 'kort-nyt',
      solutions: ['infrastruktur'],
      programmes: [],
      body: 'Driften har været stabil, og alle SLA-mål er opfyldt. Opfølgningen på RCA-punkterne fortsætter.',
    },
    {
      title: 'Næste programledermøde: dagsorden på vej',
      publishOn: dayPlus(today, 7),
      contact: 'kort-nyt',
      solutions: [],
      programmes: [],
      body: 'Dagsordenen til næste programledermøde udsendes en uge før mødet.',
    },
  ];
}

/** The four Folkemødet debates, June 2025 (Allinge). */
const EVENTS = [
  { title: 'AI og omsorg', day: '2025-06-12', hour: 11, place: 'Folkemødet, Allinge', participants: 'Stephen Alstrup (AI-ekspert), Tanja Nielsen (sektorformand, FOA) m.fl.', description: 'Debat om kunstig intelligens i omsorgen.' },
  { title: 'Cyberwalk', day: '2025-06-13', hour: 10, place: 'Folkemødet, Allinge', participants: 'Bornholms borgmester, Coding Pirates, TDC Erhverv m.fl.', description: 'Vores traditionelle vandringsdebat med oplæg undervejs.' },
  { title: 'Cyberdebat', day: '2025-06-13', hour: 12, place: 'Kommunernes telt, Folkemødet, Allinge', participants: 'DI Digital og (muligvis) Odenses borgmester m.fl.', description: 'Debat lige efter Cyberwalken.' },
  { title: 'Børns data', day: '2025-06-14', hour: 13, place: 'Folkemødet, Allinge', participants: 'Microsofts direktør i Danmark, direktøren for UNICEF Danmark m.fl.', description: 'Debat om børns data i skolen og hjemmet.' },
];

/** The news module's demo (issue #14 point 8): the deck's items, current ones and the Folkemødet events. Idempotent: what exists is left alone. */
export async function seedDemoNews(db: Db, now: Date): Promise<void> {
  const today = danishDay(now);
  await db.transaction(async (tx) => {
    const emails = CONTACTS.map((c) => c.email);
    const existing = await tx.select({ id: person.id, email: person.email }).from(person).where(and(isNull(person.municipalityCode), inArray(person.email, emails)));
    const missing = CONTACTS.filter((c) => !existing.some((e) => e.email === c.email));
    const added = missing.length === 0 ? [] : await tx.insert(person).values(missing.map((c) => ({ name: c.name, title: c.title, email: c.email, municipalityCode: null }))).returning({ id: person.id, email: person.email });
    const contactId = (key: ContactKey) => [...existing, ...added].find((p) => p.email === CONTACTS.find((c) => c.key === key)!.email)!.id;

    const items = [...DECK_ITEMS, ...currentItems(today)];
    const have = await tx.select({ title: newsItem.title }).from(newsItem).where(inArray(newsItem.title, items.map((i) => i.title)));
    const programmes = await tx.select({ id: project.id, key: project.key }).from(project).where(inArray(project.key, [...new Set(items.flatMap((i) => i.programmes))]));
    for (const [i, item] of items.entries()) {
      if (have.some((h) => h.title === item.title)) continue;
      // A second apart, the first written last: items of one day then list in the deck's order.
      const written = new Date(now.getTime() - i * 1000);
      const [row] = await tx
        .insert(newsItem)
        .values({ title: item.title, body: item.body, publishOn: item.publishOn, contactPersonId: contactId(item.contact), createdAt: written, updatedAt: written })
        .returning({ id: newsItem.id });
      if (item.solutions.length > 0) await tx.insert(newsItemSolution).values(item.solutions.map((solutionKey) => ({ newsId: row!.id, solutionKey })));
      // A programme another module's demo has not made (yet) is left out rather than failing the seed.
      const links = programmes.filter((p) => item.programmes.includes(p.key));
      if (links.length > 0) await tx.insert(newsItemProgramme).values(links.map((p) => ({ newsId: row!.id, projectId: p.id })));
    }

    const haveEvents = await tx.select({ title: event.title }).from(event).where(inArray(event.title, EVENTS.map((e) => e.title)));
    const newEvents = EVENTS.filter((e) => !haveEvents.some((h) => h.title === e.title));
    if (newEvents.length > 0) {
      await tx.insert(event).values(
        newEvents.map((e) => ({ title: e.title, startsAt: danishTime(e.day, e.hour), place: e.place, participants: e.participants, description: e.description, link: null, createdAt: now })),
      );
    }
  });
}
