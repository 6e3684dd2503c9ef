/**
 * The risk scales every installation starts with. The default is the Danish Data Protection
 * Agency's (Datatilsynet) 4×4: levels and matrix exactly as in its guidance and KOMBIT's deck
 * "Compliancepakker 2025". `matrix[consequence-1][likelihood-1]` is a risk level key.
 *
 * The short definitions of each likelihood and consequence level are our own wording, written for
 * this system; KOMBIT's information security must check them before the first package goes out.
 */
export interface ReferenceRiskScale {
  key: string;
  name: string;
  description: string;
  likelihoods: readonly { label: string; definition: string }[];
  consequences: readonly { label: string; definition: string }[];
  levels: readonly { key: string; label: string; colour: 'groen' | 'gul' | 'orange' | 'roed' }[];
  matrix: readonly (readonly string[])[];
}

export const DEFAULT_RISK_SCALE = 'datatilsynet-4x4';

export const riskScales: readonly ReferenceRiskScale[] = [
  {
    key: DEFAULT_RISK_SCALE,
    name: 'Datatilsynets risikoskala (4×4)',
    description:
      'Sandsynlighed og konsekvens for de registrerede vurderes hver på fire trin; risikoniveauet aflæses i matricen og beregnes ikke som et produkt.',
    likelihoods: [
      { label: 'Usandsynligt', definition: 'Hændelsen forventes ikke at indtræffe; der kendes ikke til tilfælde i lignende løsninger.' },
      { label: 'Mindre sandsynligt', definition: 'Hændelsen kan indtræffe, men sjældent; den er set i lignende løsninger.' },
      { label: 'Sandsynligt', definition: 'Hændelsen kan indtræffe inden for løsningens levetid og er set flere gange i lignende løsninger.' },
      { label: 'Forventet', definition: 'Hændelsen må forventes at indtræffe, eventuelt gentagne gange, hvis intet gøres.' },
    ],
    consequences: [
      { label: 'Ubetydelig', definition: 'De registrerede mærker ingen eller kun små gener, som de let kommer over.' },
      { label: 'Mindre alvorlig', definition: 'De registrerede får gener, de kan komme over med en vis besvær, fx tidsforbrug eller irritation.' },
      { label: 'Meget alvorlig', definition: 'De registrerede får betydelige følger, fx økonomisk tab, diskrimination eller skade på omdømme, som er svære at komme over.' },
      { label: 'Ødelæggende', definition: 'De registrerede får varige eller uoprettelige følger, fx for helbred, økonomi eller personlig sikkerhed.' },
    ],
    levels: [
      { key: 'lav', label: 'Lav', colour: 'groen' },
      { key: 'mellem', label: 'Mellem', colour: 'gul' },
      { key: 'hoej', label: 'Høj', colour: 'orange' },
      { key: 'meget-hoej', label: 'Meget høj', colour: 'roed' },
    ],
    // Rows: consequence 1 (Ubetydelig) .. 4 (Ødelæggende); columns: likelihood 1 .. 4.
    matrix: [
      ['lav', 'lav', 'mellem', 'hoej'],
      ['lav', 'mellem', 'hoej', 'hoej'],
      ['mellem', 'hoej', 'hoej', 'meget-hoej'],
      ['hoej', 'meget-hoej', 'meget-hoej', 'meget-hoej'],
    ],
  },
];
