import { AppError } from '../../../platform/errors.ts';

/**
 * A SAML message refused: the Danish message the user reads, and the technical reason that only
 * goes to the log (it may name certificates, IDs or library errors the user cannot act on).
 */
export class SamlRefusal extends AppError {
  constructor(
    status: 400 | 403,
    message: string,
    readonly reason: string,
  ) {
    super(status, status === 403 ? 'saml_forbidden' : 'saml_refused', message);
  }
}

export const MESSAGES = {
  invalid: 'Svaret fra Context Handler kunne ikke godkendes (ugyldig eller ændret signatur, forkert modtager eller forkert format). Prøv at logge ind igen.',
  expired: 'Svaret fra Context Handler er udløbet. Prøv at logge ind igen.',
  unsolicited: 'Svaret fra Context Handler hører ikke til et log ind, der er startet her, eller det er allerede brugt. Start forfra med at logge ind.',
  replayed: 'Dette svar fra Context Handler er allerede brugt. Start forfra med at logge ind.',
  audience: 'Svaret fra Context Handler er udstedt til en anden tjeneste end Samspil.',
  logout: 'Logud-beskeden fra Context Handler kunne ikke godkendes (manglende eller ugyldig signatur, eller den hører ikke til et logud herfra).',
  privileges: 'Dine rettigheder fra Context Handler fylder mere, end Samspil kan modtage. Kontakt din KLIK-administrator.',
} as const;

const LOA_DA = { Low: 'Lav', Substantial: 'Betydelig', High: 'Høj' } as const;

export const loaMessage = (min: keyof typeof LOA_DA) =>
  `Dit log ind har for lavt sikringsniveau. Samspil kræver mindst NSIS-sikringsniveau ${LOA_DA[min]}. Log ind igen med et højere sikringsniveau.`;
