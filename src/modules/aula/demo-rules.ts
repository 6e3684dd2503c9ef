import type { AulaCategory } from './categories.ts';
import type { DeletionTrigger } from './schema.ts';

type DemoRule = { trigger: DeletionTrigger; months: number };

/**
 * The demo's two rule versions. The periods and triggers are made up for the demonstration and
 * say so in their descriptions: Aula's actual rules are set centrally and entered by central staff.
 * The revised version is more granular: shorter periods for working notes, a longer one for
 * restraint forms, and notes counted from their last change rather than the child leaving.
 */
export const DEMO_AULA_RULE_SETS: readonly { name: string; activationDate: string; description: string; rules: Record<AulaCategory, DemoRule> }[] = [
  {
    name: 'Sletteregler 2024 (eksempel)',
    activationDate: '2024-01-01',
    description:
      'Eksempel til demonstration: perioderne er opfundne og er ikke Aulas faktiske sletteregler. ' +
      'Første version med ensartede frister: de fleste filer slettes et antal år efter, at barnet er fratrådt institutionen.',
    rules: {
      dagsordener: { trigger: 'oprettet', months: 24 },
      handleplaner: { trigger: 'barnet_fratraeder', months: 60 },
      indstillinger: { trigger: 'barnet_fratraeder', months: 60 },
      magtanvendelsesskemaer: { trigger: 'barnet_fratraeder', months: 60 },
      observationer: { trigger: 'barnet_fratraeder', months: 36 },
      'paedagogiske-noter': { trigger: 'barnet_fratraeder', months: 24 },
      referater: { trigger: 'oprettet', months: 36 },
      'rive-kradseskema': { trigger: 'barnet_fratraeder', months: 36 },
      'oevrige-noter': { trigger: 'barnet_fratraeder', months: 24 },
    },
  },
  {
    name: 'Reviderede sletteregler september 2026 (eksempel)',
    activationDate: '2026-09-01',
    description:
      'Eksempel til demonstration: perioderne er opfundne og er ikke Aulas faktiske sletteregler. ' +
      'Den reviderede, mere finmaskede version: kortere frister for arbejdsnoter og dagsordener, længere for magtanvendelsesskemaer, ' +
      'og noter regnes fra seneste ændring.',
    rules: {
      dagsordener: { trigger: 'oprettet', months: 12 },
      handleplaner: { trigger: 'barnet_fratraeder', months: 48 },
      indstillinger: { trigger: 'barnet_fratraeder', months: 36 },
      magtanvendelsesskemaer: { trigger: 'barnet_fratraeder', months: 72 },
      observationer: { trigger: 'barnet_fratraeder', months: 24 },
      'paedagogiske-noter': { trigger: 'sidst_aendret', months: 6 },
      referater: { trigger: 'oprettet', months: 24 },
      'rive-kradseskema': { trigger: 'barnet_fratraeder', months: 18 },
      'oevrige-noter': { trigger: 'sidst_aendret', months: 12 },
    },
  },
];
