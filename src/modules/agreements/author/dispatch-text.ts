import { formatDayLong } from '../../../platform/views/format.ts';
import { rolePlural } from '../labels.ts';
import type { AgreementType } from '../schema.ts';

export type DispatchTextInput = {
  agreement: { id: string; title: string; type: AgreementType };
  versionNumber: number;
  /** yyyy-mm-dd */
  deadline: string;
  publicUrl: string;
  roleKey: string;
  solutionName: string | null;
  /** The role's own name, e.g. "Programleder" */
  roleLabel: string;
  ccRoleLabel: string | null;
};

/** "databehandleraftalen" – the type in running text. */
const DEFINITE: Record<AgreementType, string> = {
  databehandleraftale: 'databehandleraftalen',
  tilslutningsaftale: 'tilslutningsaftalen',
  samarbejdsaftale: 'samarbejdsaftalen',
  k98: 'K98-aftalen',
};

/**
 * The mail that asks the addressees to sign, in Danish, plain text. The same mail goes to every
 * municipality in the dispatch, so it speaks of "jeres kommune" rather than naming one.
 */
export function dispatchText(p: DispatchTextInput): { subject: string; body: string } {
  const a = p.agreement;
  const role = p.solutionName ? `${p.roleLabel.toLowerCase()} for ${p.solutionName}` : p.roleLabel.toLowerCase();
  const lines = [
    'Hej',
    '',
    `KOMBIT beder jeres kommune underskrive ${DEFINITE[a.type]} "${a.title}" (version ${p.versionNumber}).`,
    '',
    `Fristen for underskrift er ${formatDayLong(p.deadline)}.`,
    '',
    'Læs aftalen og bilagene, og underskriv her:',
    `${p.publicUrl}/aftaler/${a.id}`,
    '',
    'Aftalen kan underskrives direkte i Samspil, eller I kan uploade en underskrevet PDF på samme side.',
    '',
    `Du får mailen, fordi du er ${role} i jeres kommune i Samspils rollegalleri.`,
    '',
    'Med venlig hilsen',
    'KOMBIT',
  ];
  return { subject: `Til underskrift: ${a.title}`, body: lines.join('\n') };
}

/** The copy for the cc role: what was sent to whom, and that nothing is asked of the reader. */
export function dispatchCcText(p: DispatchTextInput): { subject: string; body: string } {
  const a = p.agreement;
  const lines = [
    'Hej',
    '',
    `Til orientering: KOMBIT har sendt ${DEFINITE[a.type]} "${a.title}" (version ${p.versionNumber}) til underskrift hos ${rolePlural(p.roleKey, p.solutionName)} i jeres kommune.`,
    '',
    `Fristen for underskrift er ${formatDayLong(p.deadline)}.`,
    '',
    'Du kan læse aftalen her:',
    `${p.publicUrl}/aftaler/${a.id}`,
    '',
    `Du får mailen som ${(p.ccRoleLabel ?? 'modtager af en kopi').toLowerCase()} i jeres kommune. Du skal ikke gøre noget.`,
    '',
    'Med venlig hilsen',
    'KOMBIT',
  ];
  return { subject: `Til orientering: ${a.title}`, body: lines.join('\n') };
}
