/**
 * Country names as people write them in an address or a list of data centres (Danish and English),
 * to tell whether an address names its country and whether data stays inside EU/EØS. Supplier
 * addresses and locations are free text, so this recognises names, not codes.
 */
const EU_EEA: string[] = [
  'danmark', 'denmark', 'sverige', 'sweden', 'norge', 'norway', 'finland', 'island', 'iceland', 'tyskland', 'germany', 'deutschland',
  'holland', 'nederlandene', 'netherlands', 'belgien', 'belgium', 'luxembourg', 'frankrig', 'france', 'irland', 'ireland', 'spanien', 'spain',
  'portugal', 'italien', 'italy', 'østrig', 'austria', 'polen', 'poland', 'tjekkiet', 'czechia', 'czech republic', 'slovakiet', 'slovakia',
  'ungarn', 'hungary', 'slovenien', 'slovenia', 'kroatien', 'croatia', 'rumænien', 'romania', 'bulgarien', 'bulgaria', 'grækenland', 'greece',
  'cypern', 'cyprus', 'malta', 'estland', 'estonia', 'letland', 'latvia', 'litauen', 'lithuania', 'liechtenstein',
];
/** Words that say "inside EU/EØS" without naming a country ("EU", "Nordeuropa", "EU-datacenter"). */
const EU_WORDS = ['eu', 'eøs', 'eea', 'europa', 'europe', 'nordeuropa', 'vesteuropa', 'north europe', 'west europe'];
const THIRD: string[] = [
  'usa', 'u.s.a.', 'united states', 'amerika', 'forenede stater', 'storbritannien', 'united kingdom', 'england', 'skotland', 'uk', 'schweiz',
  'switzerland', 'canada', 'japan', 'kina', 'china', 'indien', 'india', 'filippinerne', 'philippines', 'ukraine', 'serbien', 'serbia',
  'israel', 'australien', 'australia', 'new zealand', 'singapore', 'sydkorea', 'south korea', 'brasilien', 'brazil', 'mexico', 'tyrkiet',
  'turkey', 'vietnam', 'hviderusland', 'belarus', 'rusland', 'russia', 'pakistan', 'sydafrika', 'south africa', 'argentina', 'uruguay',
];
const DENMARK = ['danmark', 'denmark'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name as a whole word (letters around it would make "uk" match "Ukraine" or "eu" match "Europa"). */
const wordPattern = (names: string[]) => new RegExp(`(^|[^\\p{L}])(${names.map(escape).join('|')})(?=$|[^\\p{L}])`, 'iu');
const EU_RE = wordPattern([...EU_EEA, ...EU_WORDS]);
const THIRD_RE = wordPattern(THIRD);
const ANY_COUNTRY_RE = wordPattern([...EU_EEA, ...THIRD]);
const DENMARK_RE = wordPattern(DENMARK);

/** Does the text name a country (Danmark, Irland, USA …)? */
export const namesCountry = (text: string) => ANY_COUNTRY_RE.test(text);
/** Does the text name Denmark? */
export const namesDenmark = (text: string) => DENMARK_RE.test(text);

/**
 * Where the data is processed, as far as the text tells: 'outside' when any place names a country
 * outside EU/EØS, 'inside' when the places name EU/EØS countries and nothing else (a data centre's
 * name beside its country, "Azure, Irland", says nothing more), 'unknown' when no country is named.
 */
export function processingArea(locations: string): 'inside' | 'outside' | 'unknown' {
  const parts = locations
    .split(/[,;\n/]|\s+og\s+|\s+and\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'unknown';
  if (parts.some((p) => THIRD_RE.test(p))) return 'outside';
  return parts.some((p) => EU_RE.test(p)) ? 'inside' : 'unknown';
}
