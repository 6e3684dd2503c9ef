import { toXlsx, type Column } from '../../platform/spreadsheet/write.ts';
import { formatDeadline } from '../../platform/views/format.ts';
import { TYPE_LABELS } from '../agreements/index.ts';
import { outstandingText, PHASE_LABELS, signedText, type PortfolioSolution } from './portfolio-queries.ts';

/** The page's table as a sheet; lists in a cell are one line each, which Excel shows wrapped. */
const columns: Column<PortfolioSolution>[] = [
  { header: 'Løsning', value: (s) => s.name, width: 32 },
  { header: 'Omfattet af K98-aftalen', value: (s) => s.k98 },
  { header: 'Fase', value: (s) => PHASE_LABELS[s.phase], width: 14 },
  { header: 'Produktchef', value: (s) => s.productManager ?? 'Ikke angivet', width: 24 },
  {
    header: 'Aftaler',
    value: (s) => s.agreements.map((a) => `${a.title} (${TYPE_LABELS[a.type]}): ${signedText(a.counts)}, ${outstandingText(a.counts)}`).join('\n'),
    width: 70,
  },
  { header: 'Åbne opgaver', value: (s) => s.openTasks.length },
  { header: 'Opgaver', value: (s) => s.openTasks.map((t) => `${t.code} – ${t.title} (frist ${formatDeadline(t.deadline)})`).join('\n'), width: 80 },
];

export const buildPortfolioXlsx = (solutions: PortfolioSolution[]) => toXlsx('Portefølje', columns, solutions);
