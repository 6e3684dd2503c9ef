import { solutions } from '../../db/reference/solutions.ts';
import { danishList } from '../../platform/views/format.ts';

/**
 * The K98 governance as the deck describes it (the governance slide, bilag 3): a Porteføljeråd and a
 * Fagråd per area, three meetings a year. The members' names are made up (never real people); the
 * organisations are the real bodies and municipalities that hold the seats. Which solutions each
 * Fagråd covers is illustrative: the agreement leaves the areas to the governance to settle.
 */

export type DemoCouncil = { key: string; kind: 'portefoeljeraad' | 'fagraad'; name: string; area: string | null; description: string; solutions: string[] };
export type DemoMember = { seat: string; name: string | null; organisation: string; municipalityCode?: string; chair?: true };

export const PORTFOLIO_COUNCIL = 'portefoeljeraadet';
export const FAGRAAD_BY = 'fagraad-beskaeftigelse-ydelser';
export const FAGRAAD_BBD = 'fagraad-boern-borgere-demokrati';

export const DEMO_COUNCILS: DemoCouncil[] = [
  {
    key: PORTFOLIO_COUNCIL,
    kind: 'portefoeljeraad',
    name: 'Porteføljerådet',
    area: null,
    description:
      'Porteføljerådet prioriterer på tværs af de tolv K98-løsninger, indstiller til KOMBITs bestyrelse og beslutter, hvad prioriteringspuljen bruges til. Rådet behandler selv de tværgående løsninger: Fælles Sprog III, Fælleskommunal Gateway og Fælleskommunal IT-Infrastruktur.',
    solutions: ['faelles-sprog-iii', 'gateway', 'infrastruktur'],
  },
  {
    key: FAGRAAD_BY,
    kind: 'fagraad',
    name: 'Fagråd for Beskæftigelse og Ydelser',
    area: 'Beskæftigelse og ydelser',
    description: 'Fagrådet behandler forslag og den strategiske retning for KY, KSD, SAPA, Sygesikring og KP og indstiller til Porteføljerådet.',
    solutions: ['ky', 'ksd', 'sapa', 'sygesikring', 'kp'],
  },
  {
    key: FAGRAAD_BBD,
    kind: 'fagraad',
    name: 'Fagråd for Børn, Borgere og Demokrati',
    area: 'Børn, borgere og demokrati',
    description: 'Fagrådet behandler forslag og den strategiske retning for Aula, Borgerblikket, Valg og Byg og Miljø og indstiller til Porteføljerådet.',
    solutions: ['aula', 'borgerblikket', 'valg', 'byg-og-miljoe'],
  },
];

/** The Fagråd forpersons sit in the Porteføljeråd too. */
const FORPERSON_BY: DemoMember = { seat: 'Forperson, Fagråd for Beskæftigelse og Ydelser', name: 'Anette Damgaard', organisation: 'Herning Kommune', municipalityCode: '0657' };
const FORPERSON_BBD: DemoMember = { seat: 'Forperson, Fagråd for Børn, Borgere og Demokrati', name: 'Thomas Engberg', organisation: 'Aarhus Kommune', municipalityCode: '0751' };

export const DEMO_MEMBERS: Record<string, DemoMember[]> = {
  [PORTFOLIO_COUNCIL]: [
    { seat: 'Kommunaldirektør, KKR Hovedstaden', name: 'Birgitte Holmsted', organisation: 'Gentofte Kommune', municipalityCode: '0157' },
    { seat: 'Kommunaldirektør, KKR Sjælland', name: 'Torben Riisager', organisation: 'Næstved Kommune', municipalityCode: '0370' },
    { seat: 'Kommunaldirektør, KKR Syddanmark', name: 'Hanne Vestergaard Lund', organisation: 'Kolding Kommune', municipalityCode: '0621', chair: true },
    { seat: 'Kommunaldirektør, KKR Midtjylland', name: 'Morten Aagaard', organisation: 'Silkeborg Kommune', municipalityCode: '0740' },
    { seat: 'Kommunaldirektør, KKR Nordjylland', name: 'Lise Brønnum', organisation: 'Aalborg Kommune', municipalityCode: '0851' },
    { seat: 'Repræsentant for Kommunaldirektørforeningen (KOMDIR)', name: 'Jens Ole Mikkelsen', organisation: 'Kommunaldirektørforeningen' },
    { seat: 'Kommunal økonomidirektør', name: 'Susanne Thygesen', organisation: 'Odense Kommune', municipalityCode: '0461' },
    { seat: 'Kommunal økonomidirektør', name: 'Kasper Lindholm', organisation: 'Holbæk Kommune', municipalityCode: '0316' },
    { seat: 'Repræsentant for Økonomidirektørforeningen (ØDF)', name: 'Pia Kjeldsen', organisation: 'Økonomidirektørforeningen' },
    { seat: 'Kommunal IT- og digitaliseringschef', name: 'Rune Skovbo', organisation: 'Esbjerg Kommune', municipalityCode: '0561' },
    FORPERSON_BY,
    FORPERSON_BBD,
    { seat: 'Repræsentant for ATP (UDK)', name: 'Marianne Juhl', organisation: 'ATP (Udbetaling Danmark)' },
    { seat: 'Repræsentant for KL', name: 'Niels Bach Sørensen', organisation: 'KL' },
    { seat: 'Repræsentant for KOMBITs direktion', name: 'Helle Stavnsager', organisation: 'KOMBIT' },
    { seat: 'Repræsentant for KOMBITs direktion', name: 'Frederik Moll', organisation: 'KOMBIT' },
  ],
  [FAGRAAD_BY]: [
    { ...FORPERSON_BY, seat: 'Forperson', chair: true },
    { seat: 'Beskæftigelsesdirektør, KKR Hovedstaden', name: 'Ole Kragh', organisation: 'Københavns Kommune', municipalityCode: '0101' },
    { seat: 'Ydelseschef, KKR Sjælland', name: 'Dorthe Mølgaard', organisation: 'Faxe Kommune', municipalityCode: '0320' },
    { seat: 'Sundheds- og ældrechef, KKR Syddanmark', name: 'Peter Hvam', organisation: 'Vejle Kommune', municipalityCode: '0630' },
    { seat: 'Pensionschef, KKR Nordjylland', name: 'Karina Lauritsen', organisation: 'Hjørring Kommune', municipalityCode: '0860' },
    { seat: 'Repræsentant for ATP (UDK)', name: 'Jacob Winther', organisation: 'ATP (Udbetaling Danmark)' },
    { seat: 'Repræsentant for KL', name: 'Signe Bork', organisation: 'KL' },
    { seat: 'Programchef, KOMBIT (sekretariat)', name: 'Mads Ellehammer', organisation: 'KOMBIT' },
  ],
  [FAGRAAD_BBD]: [
    { ...FORPERSON_BBD, seat: 'Forperson', chair: true },
    { seat: 'Skolechef, KKR Hovedstaden', name: 'Mette Frandsen', organisation: 'Gentofte Kommune', municipalityCode: '0157' },
    { seat: 'Dagtilbudschef, KKR Sjælland', name: 'Lone Staugaard', organisation: 'Næstved Kommune', municipalityCode: '0370' },
    { seat: 'Chef for valgsekretariatet, KKR Hovedstaden', name: 'Rikke Bjerre', organisation: 'Københavns Kommune', municipalityCode: '0101' },
    { seat: 'Byggesagschef, KKR Syddanmark', name: 'Claus Thorup', organisation: 'Odense Kommune', municipalityCode: '0461' },
    // Vacant until KKR Nordjylland has named its member.
    { seat: 'Digitaliseringschef, KKR Nordjylland', name: null, organisation: '' },
    { seat: 'Repræsentant for KL', name: 'Ida Lykke', organisation: 'KL' },
    { seat: 'Programchef, KOMBIT (sekretariat)', name: 'Louise Krogh', organisation: 'KOMBIT' },
  ],
};

/**
 * The fixed meeting days of 2026 (Tuesdays and Thursdays): the January meetings of the deck's
 * timeline (1. Fagrådsmøde, then 1. Porteføljerådsmøde, before KOMBIT's board meets on 25
 * February), then spring and autumn, each Fagråd two weeks before the Porteføljeråd.
 */
export const MEETINGS_2026: Record<string, [string, string, string]> = {
  [FAGRAAD_BY]: ['2026-01-13', '2026-05-05', '2026-09-08'],
  [FAGRAAD_BBD]: ['2026-01-15', '2026-05-07', '2026-09-10'],
  [PORTFOLIO_COUNCIL]: ['2026-01-27', '2026-05-19', '2026-09-22'],
};

/** Where a next meeting falls, counted from the seed's day: Fagråd first, the Porteføljeråd after. */
export const NEXT_MEETING_IN_DAYS: Record<string, number> = { [FAGRAAD_BY]: 21, [FAGRAAD_BBD]: 23, [PORTFOLIO_COUNCIL]: 35 };

export const LOCATION = 'KOMBIT, Halfdansgade 8, 2300 København S';

export type DemoItem = { title: string; description: string; decision: string };
/** The deck's three kinds of meeting: the coming year's priorities, the strategic direction, the current solutions. */
export type Round = 'priorities' | 'strategy' | 'solutions';

/** The standing items of a meeting, before and after the proposals it treats; `first` adds the councils' constitution. */
export function standingItems(council: DemoCouncil, round: Round, year: number, opts: { first: boolean; chair: string; poolText: string }): { before: DemoItem[]; after: DemoItem[] } {
  const solutionNames = solutions.filter((s) => council.solutions.includes(s.key)).map((s) => s.name);
  const before: DemoItem[] = opts.first
    ? [
        { title: 'Velkomst og konstituering', description: `${council.name} mødes for første gang under K98-aftalen. Medlemmerne præsenterer sig.`, decision: `${council.name} konstituerede sig med ${opts.chair} som forperson.` },
        {
          title: 'Kommissorium og årshjul',
          description: 'Udkast til kommissorium for Fagråd og Porteføljeråd og årshjulet med standarddagsorden for de tre årlige møder.',
          decision: 'Godkendt med den præcisering, at forslag til prioriteringspuljen skal være modtaget tre uger før et møde.',
        },
      ]
    : [];
  if (council.kind === 'portefoeljeraad') {
    if (round === 'priorities')
      before.push({ title: `Omkostningsbudget ${year} og prioriteringspuljen`, description: `Det samlede omkostningsbudget for ${year} fordelt på drift, vedligehold, udvikling og puljen.`, decision: `Taget til efterretning. ${opts.poolText}` });
    if (round === 'strategy') {
      before.push({ title: `Årsopgørelse ${year - 1}`, description: `Omkostninger og afregning for ${year - 1} pr. løsning.`, decision: 'Taget til efterretning. Årsopgørelsen sendes til alle 98 kommuner.' });
      before.push({ title: 'Den strategiske retning for digitalisering på tværs af områderne', description: 'Fagrådenes drøftelser samles i en fælles retning for de kommende år.', decision: 'Porteføljerådet tilsluttede sig retningen og beder fagrådene omsætte den til forslag.' });
    }
    if (round === 'solutions')
      before.push({
        title: `Foreløbigt omkostningsbudget ${year + 1}`,
        description: `Det foreløbige budget for ${year + 1} pr. løsning med ændringen fra ${year}.`,
        decision: `Taget til efterretning. Det samlede budget og budgetvejledningen for ${year + 1} følger, når priserne er endelige.`,
      });
  } else {
    if (round === 'strategy')
      before.push({ title: `Den strategiske retning for digitalisering: ${council.area!.toLowerCase()}`, description: 'Hvor vil kommunerne hen med digitaliseringen i området de næste år?', decision: 'Fagrådet pegede på tre indsatsområder, som sekretariatet samler til Porteføljerådet.' });
    before.push({
      title: round === 'solutions' ? 'De nuværende it-løsninger i området' : 'Status på løsningerne i området',
      description: `KOMBIT orienterer om drift, releases og kommende lovændringer for ${danishList(solutionNames)}.`,
      decision: 'Taget til efterretning.',
    });
  }
  const after: DemoItem[] = [];
  if (council.kind === 'portefoeljeraad' && opts.first)
    after.push({ title: 'Faste årlige rapporter til kommunerne', description: 'Faktura, årsopgørelse, budgetvejledning, omkostningsbudget og links til referaterne sendes hvert år til alle 98 kommuner.', decision: 'Godkendt. Dokumenterne linker til referaterne fra fagråd og Porteføljeråd.' });
  after.push({ title: 'Eventuelt', description: '', decision: 'Intet.' });
  return { before, after };
}
