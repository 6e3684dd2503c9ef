import { formatKroner } from '../../../platform/views/format.ts';
import type { EconomyDocumentKind } from '../schema.ts';
import { documentPath, documentTitle, settlementWord } from './content.ts';

export type PublishTextInput = {
  kind: EconomyDocumentKind;
  year: number;
  municipalityCode: string;
  municipalityName: string;
  totalOre: number;
  publicUrl: string;
};

const INTRO: Record<EconomyDocumentKind, (p: PublishTextInput) => string> = {
  faktura: (p) =>
    `KOMBIT har offentliggjort ${p.municipalityName} Kommunes faktura for ${p.year} efter K98-aftalen: ${formatKroner(p.totalOre)} i alt, fordelt på løsningerne med beregningen bag hvert beløb.`,
  budgetvejledning: (p) =>
    `KOMBIT har offentliggjort budgetvejledningen for ${p.year} til ${p.municipalityName} Kommune: den forventede betaling efter K98-aftalen er ${formatKroner(p.totalOre)}, vist pr. løsning med ændringen fra ${p.year - 1} i kroner og procent.`,
  aarsopgoerelse: (p) =>
    `KOMBIT har offentliggjort årsopgørelsen for ${p.year} til ${p.municipalityName} Kommune: de faktiske omkostninger pr. løsning, hvad kommunen har betalt a conto, og kommunens andel. ${settlementWord(p.totalOre)}: ${formatKroner(Math.abs(p.totalOre))}`,
};

/**
 * The mail to a municipality's IT chiefs and økonomikontakter, in Danish, plain text, with the link
 * to the municipality's own document (the page also has the PDF and the spreadsheet).
 */
export function publishedText(p: PublishTextInput): { subject: string; body: string } {
  const url = `${p.publicUrl}${documentPath(p.municipalityCode, p.year, p.kind)}`;
  const lines = [
    'Hej',
    '',
    INTRO[p.kind](p),
    '',
    'Se dokumentet her (det kan også hentes som PDF og regneark):',
    url,
    '',
    'Dokumentet linker til referaterne fra K98-styringens møder. Kun jeres kommune og KOMBIT kan se det.',
    '',
    'Du får mailen, fordi du er IT- og digitaliseringschef eller økonomikontakt i kommunen i Samspils rollegalleri.',
    '',
    'Med venlig hilsen',
    'KOMBIT',
  ];
  return { subject: `${documentTitle(p.kind, p.year)} fra KOMBIT til ${p.municipalityName} Kommune`, body: lines.join('\n') };
}
