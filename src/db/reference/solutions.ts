/** The joint organisation's solutions. The first twelve are covered by the K98 agreement. */
export const solutions = [
  { key: 'aula', name: 'Aula', k98: true },
  { key: 'borgerblikket', name: 'Borgerblikket', k98: true },
  { key: 'byg-og-miljoe', name: 'Byg og Miljø', k98: true },
  { key: 'faelles-sprog-iii', name: 'Fælles Sprog III', k98: true },
  { key: 'gateway', name: 'Fælleskommunal Gateway', k98: true },
  { key: 'infrastruktur', name: 'Fælleskommunal IT-Infrastruktur', k98: true },
  { key: 'kp', name: 'KP', k98: true },
  { key: 'ksd', name: 'KSD', k98: true },
  { key: 'ky', name: 'KY', k98: true },
  { key: 'sapa', name: 'SAPA', k98: true },
  { key: 'sygesikring', name: 'Sygesikring', k98: true },
  { key: 'valg', name: 'Valg', k98: true },
  { key: 'flis', name: 'FLIS', k98: false },
  { key: 'dubu', name: 'DUBU', k98: false },
] as const;

export type SolutionKey = (typeof solutions)[number]['key'];
