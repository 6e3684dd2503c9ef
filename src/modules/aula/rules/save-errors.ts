import { conflict, notFound } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { formatDayLong } from '../../../platform/views/format.ts';

export const ruleSetNotFound = () => notFound('Versionen af slettereglerne findes ikke.');

/** A second version on a day that already has one: the day decides which rules are in force, so it must be unique. */
export function sameDayConflict(error: unknown, activationDate: string): unknown {
  if (!isUniqueViolation(error, 'aula_rule_set_activation')) return error;
  const message = `Der findes allerede en version, der træder i kraft ${formatDayLong(activationDate)}. Vælg en anden dag, eller ret den version.`;
  return conflict(message, { activationDate: message });
}
