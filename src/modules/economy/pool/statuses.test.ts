import { describe, expect, it } from 'vitest';
import { canMove, nextStatuses, proposalStatuses, refusedMoveMessage } from './statuses.ts';

describe('the path a proposal takes', () => {
  it('goes one step forward at a time, with afvist open until a decision is made', () => {
    expect(nextStatuses('modtaget')).toEqual(['behandlet_fagraad', 'afvist']);
    expect(nextStatuses('behandlet_fagraad')).toEqual(['indstillet', 'afvist']);
    expect(nextStatuses('indstillet')).toEqual(['prioriteret', 'afvist']);
    expect(nextStatuses('prioriteret')).toEqual([]);
    expect(nextStatuses('afvist')).toEqual([]);
  });

  it('never goes back, stays, or skips a step', () => {
    const order = ['modtaget', 'behandlet_fagraad', 'indstillet', 'prioriteret'] as const;
    for (const from of proposalStatuses) {
      for (const to of order) {
        const forwardOne = order.indexOf(to) === order.indexOf(from as (typeof order)[number]) + 1 && from !== 'afvist';
        expect(canMove(from, to), `${from} → ${to}`).toBe(forwardOne);
      }
    }
  });

  it('says in Danish why a move is refused and where the proposal may go', () => {
    expect(refusedMoveMessage('indstillet', 'modtaget')).toBe(
      'Et forslag med status Indstillet til Porteføljerådet kan kun flyttes til Prioriteret eller Afvist, ikke tilbage eller uden om et trin.',
    );
    expect(refusedMoveMessage('afvist', 'prioriteret')).toBe('Forslaget er afvist og kan ikke flyttes videre.');
    expect(refusedMoveMessage('behandlet_fagraad', 'behandlet_fagraad')).toBe('Forslaget har allerede status Behandlet i fagråd.');
  });
});
