import { describe, expect, it } from 'vitest';
import { rulesInForce } from './in-force.ts';
import { formatPeriod } from './labels.ts';

const sets = [
  { id: 'revideret', activationDate: '2026-09-01' },
  { id: 'foerste', activationDate: '2024-01-01' },
];

describe('the rules in force on a day', () => {
  it('is the version activated latest on or before the day; one activated on the day itself is in force', () => {
    expect(rulesInForce(sets, '2026-08-31')?.id).toBe('foerste');
    expect(rulesInForce(sets, '2026-09-01')?.id).toBe('revideret');
    expect(rulesInForce(sets, '2030-01-01')?.id).toBe('revideret');
    expect(rulesInForce(sets, '2024-01-01')?.id).toBe('foerste');
  });

  it('is none before the first version, whatever order the versions come in', () => {
    expect(rulesInForce(sets, '2023-12-31')).toBeNull();
    expect(rulesInForce([...sets].reverse(), '2026-09-01')?.id).toBe('revideret');
  });

  it('shows a period of whole years in years too', () => {
    expect(formatPeriod(36)).toBe('36 måneder (3 år)');
    expect(formatPeriod(18)).toBe('18 måneder');
    expect(formatPeriod(1)).toBe('1 måned');
  });
});
