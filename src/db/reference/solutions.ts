import type { SolutionPhase } from '../../platform/identity/schema.ts';

/**
 * The joint organisation's solutions. The first twelve are covered by the K98 agreement, which
 * covers solutions in operation with all 98 municipalities connected: they are all in 'drift'.
 * The phase here is only where a new row starts; central administrators keep it up to date in the
 * portfolio, so the reference sync never overwrites it.
 */
export const solutions = [
  { key: 'aula', name: 'Aula', k98: true, phase: 'drift' },
  { key: 'borgerblikket', name: 'Borgerblikket', k98: true, phase: 'drift' },
  { key: 'byg-og-miljoe', name: 'Byg og Miljø', k98: true, phase: 'drift' },
  { key: 'faelles-sprog-iii', name: 'Fælles Sprog III', k98: true, phase: 'drift' },
  { key: 'gateway', name: 'Fælleskommunal Gateway', k98: true, phase: 'drift' },
  { key: 'infrastruktur', name: 'Fælleskommunal IT-Infrastruktur', k98: true, phase: 'drift' },
  { key: 'kp', name: 'KP', k98: true, phase: 'drift' },
  { key: 'ksd', name: 'KSD', k98: true, phase: 'drift' },
  { key: 'ky', name: 'KY', k98: true, phase: 'drift' },
  { key: 'sapa', name: 'SAPA', k98: true, phase: 'drift' },
  { key: 'sygesikring', name: 'Sygesikring', k98: true, phase: 'drift' },
  { key: 'valg', name: 'Valg', k98: true, phase: 'drift' },
  { key: 'flis', name: 'FLIS', k98: false, phase: 'drift' },
  { key: 'dubu', name: 'DUBU', k98: false, phase: 'udfasning' },
] as const satisfies readonly { key: string; name: string; k98: boolean; phase: SolutionPhase }[];

export type SolutionKey = (typeof solutions)[number]['key'];
