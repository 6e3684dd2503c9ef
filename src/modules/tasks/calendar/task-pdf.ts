import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Db } from '../../../db/client.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { ANSWER_KIND_DA } from '../author/views/shared.tsx';
import { audienceText, getTaskDefinition, type TaskDefinition } from '../author/queries.ts';
import { answerText, targetCounts, type TargetCounts } from '../central/queries.ts';
import { loadTask } from '../load-task.ts';
import { markdownToText } from '../markdown.ts';
import { isOverdue, TARGET_STATUS_DA, TASK_STATUS_DA } from '../status.ts';
import { getTargetView, type TargetView } from '../task-view-queries.ts';
import { danishDay, formatDate, formatDateTime, formatDeadline } from '../../../platform/views/format.ts';
import { renderPdf } from '../../../platform/pdf/render.ts';

/**
 * "Gem som PDF": a task as a PDF document, built with pdfmake from data (never from the page's
 * HTML). A municipal user gets the task as their municipality sees it – status, responsible and
 * executor, deadline history, the steps with the municipality's answers. Central staff get the
 * task's definition and how many municipalities are at each status (no municipality's answers).
 *
 * Markdown (descriptions, consequences, instructions) becomes plain paragraphs without markup.
 */


// ---------------------------------------------------------------- text helpers


/** Markdown as plain paragraphs: markup stripped, list items as "• item" / "1. item", one string per paragraph. */
export function markdownParagraphs(source: string | null | undefined): string[] {
  return markdownToText(source)
    .split(/\n[ \t]*\n+/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim().replace(/^[-*+][ \t]+/, '• '))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
}

/** "opgave-klik-kr-mi-02.pdf": ASCII only, safe in a Content-Disposition header. */
export const taskPdfFilename = (code: string) => `opgave-${fileSlug(code) || 'uden-kode'}.pdf`;

const paragraphs = (source: string): Content[] => markdownParagraphs(source).map((text) => ({ text, style: 'paragraph' }));

const heading = (text: string): Content => ({ text, style: 'h2' });

/** Label/value pairs as a borderless two-column table. */
function facts(rows: [string, string][]): Content {
  return {
    table: { widths: [130, '*'], body: rows.map(([label, value]) => [{ text: label, bold: true }, value]) },
    layout: 'noBorders',
    margin: [0, 4, 0, 8],
  };
}

function flags(t: { critical: boolean; crossCutting: boolean; optional: boolean; localMunicipalityCode: string | null }): string {
  const out = [t.critical && 'Kritisk', t.crossCutting && 'Tværgående', t.optional && 'Valgfri', t.localMunicipalityCode && 'Lokal opgave'];
  return out.filter(Boolean).join(', ');
}

function deadlineHistory(changes: { fromDeadline: string; toDeadline: string; reason: string; changedAt: Date }[]): Content[] {
  if (changes.length === 0) return [];
  return [
    heading('Fristens historik'),
    {
      ul: changes.map((c) => `${formatDate(c.changedAt)}: ${formatDeadline(c.fromDeadline)} ændret til ${formatDeadline(c.toDeadline)}${c.reason ? ` – ${c.reason}` : ''}`),
      margin: [0, 0, 0, 8],
    },
  ];
}

function textSections(t: { description: string; consequence: string }): Content[] {
  return [
    ...(t.description.trim() ? [heading('Beskrivelse'), ...paragraphs(t.description)] : []),
    ...(t.consequence.trim() ? [heading('Hvis opgaven ikke bliver løst'), ...paragraphs(t.consequence)] : []),
  ];
}

function document(p: { title: string; code: string; subject: string; kicker: string; content: Content[]; now: Date }): TDocumentDefinitions {
  const printed = `Udskrevet fra Samspil ${formatDateTime(p.now)}`;
  return {
    info: { title: `${p.code} – ${p.title}`, subject: p.subject, creator: 'Samspil', producer: 'Samspil' },
    language: 'da-DK',
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      kicker: { fontSize: 9, color: '#555555' },
      muted: { color: '#555555' },
      h1: { fontSize: 18, bold: true, margin: [0, 4, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
      paragraph: { margin: [0, 0, 0, 6] },
    },
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: printed, style: 'kicker' },
        { text: `Side ${currentPage} af ${pageCount}`, style: 'kicker', alignment: 'right' },
      ],
      margin: [50, 20, 50, 0],
    }),
    content: [{ text: p.kicker, style: 'kicker' }, { text: p.code, style: 'muted' }, { text: p.title, style: 'h1' }, ...p.content],
  };
}

// ---------------------------------------------------------------- the municipality's task

export function municipalTaskDocument(v: TargetView, now: Date): TDocumentDefinitions {
  const t = v.task;
  const overdue = isOverdue(t.deadline, v.status, now);
  const lastChange = v.deadlineChanges[v.deadlineChanges.length - 1];
  const filename = (id: string | null) => (id ? (v.files.find((f) => f.id === id)?.filename ?? null) : null);
  const rows: [string, string][] = [
    ['Status', `${TARGET_STATUS_DA[v.status]}${overdue ? ' (forsinket)' : ''}`],
    ...(t.status === 'published' ? [] : ([['Opgaven', TASK_STATUS_DA[t.status]]] as [string, string][])),
    ['Frist', `${formatDeadline(t.deadline)}${lastChange ? ` (ændret fra ${formatDeadline(lastChange.fromDeadline)})` : ''}`],
    ...(v.solvedAt ? ([['Løst', formatDateTime(v.solvedAt)]] as [string, string][]) : []),
    ['Ansvarlig', v.responsibleName ?? 'Ingen'],
    ['Udfører', v.executorName ?? 'Ingen'],
    ...(v.projectName ? ([['Projekt', v.projectName]] as [string, string][]) : []),
    ...(v.solutionName ? ([['Løsning', v.solutionName]] as [string, string][]) : []),
    ...(flags(t) ? ([['Markeret', flags(t)]] as [string, string][]) : []),
  ];
  const done = v.steps.filter((s) => s.answer?.completed).length;
  const steps: Content[] = v.steps.flatMap((s): Content[] => {
    const answer = s.answer;
    const text = answer ? answerText(s.answerKind, { value: answer.value, completed: answer.completed, filename: filename(answer.fileId) }) : '';
    const lines: Content[] = [{ text: `${s.position}. ${s.title}`, style: 'h3' }, ...paragraphs(s.instructions)];
    if (s.answerKind !== 'none') lines.push({ text: [{ text: `${s.answerLabel || 'Svar'}: `, bold: true }, text || '–'] });
    lines.push({
      text: [
        { text: answer?.completed ? 'Udført' : 'Ikke udført', bold: true },
        answer ? ` · senest gemt ${formatDateTime(answer.answeredAt)}${answer.answeredByName ? ` af ${answer.answeredByName}` : ''}` : '',
      ],
      style: 'muted',
      margin: [0, 2, 0, 4],
    });
    return lines;
  });
  const attachments = v.attachments.map((f) => (f.municipalityCode ? `${f.filename} (kun til ${v.municipalityName})` : f.filename));
  return document({
    title: t.title,
    code: t.code,
    subject: `${v.municipalityName} Kommune`,
    kicker: `Samspil · ${v.municipalityName} Kommune`,
    now,
    content: [
      facts(rows),
      ...(v.notRelevantReason !== null ? [heading('Ikke relevant'), { text: 'Kommunen har markeret opgaven som ikke relevant med denne begrundelse:' }, { text: v.notRelevantReason, italics: true, margin: [0, 2, 0, 6] } as Content] : []),
      ...deadlineHistory(v.deadlineChanges),
      ...textSections(t),
      ...(attachments.length > 0 ? [heading('Bilag'), { ul: attachments }] : []),
      heading(`Trin (${done} af ${v.steps.length} udført)`),
      ...steps,
    ],
  });
}

// ---------------------------------------------------------------- the task as central staff see it

export function centralTaskDocument(d: TaskDefinition, counts: TargetCounts | undefined, now: Date): TDocumentDefinitions {
  const c = counts ?? { addressed: 0, ikke_startet: 0, i_gang: 0, loest: 0, ikke_relevant: 0, missing: 0 };
  const pastDeadline = danishDay(now) > d.deadline;
  const rows: [string, string][] = [
    ['Status', TASK_STATUS_DA[d.status]],
    ['Frist', formatDeadline(d.deadline)],
    ...(d.announceAt ? ([['Annonceres', formatDate(d.announceAt)]] as [string, string][]) : []),
    ...(d.publishAt ? ([['Publiceres', formatDate(d.publishAt)]] as [string, string][]) : []),
    ['Til', audienceText(d)],
    ['Kommuner', String(d.targetCodes.length)],
    ...(d.projectName ? ([['Projekt', d.projectName]] as [string, string][]) : []),
    ...(flags(d) ? ([['Markeret', flags(d)]] as [string, string][]) : []),
  ];
  const statusTable: Content = {
    table: {
      headerRows: 1,
      widths: ['*', 80],
      body: [
        [
          { text: 'Status', bold: true },
          { text: 'Kommuner', bold: true, alignment: 'right' },
        ],
        ...(['ikke_startet', 'i_gang', 'loest', 'ikke_relevant'] as const).map((s) => [TARGET_STATUS_DA[s], { text: String(c[s]), alignment: 'right' as const }]),
        [{ text: 'I alt', bold: true }, { text: String(c.addressed), bold: true, alignment: 'right' }],
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 4],
  };
  const common = d.attachments.filter((f) => f.municipalityCode === null).map((f) => f.filename);
  const own = d.attachments.length - common.length;
  const steps: Content[] = d.steps.flatMap((s): Content[] => [
    { text: `${s.position}. ${s.title}`, style: 'h3' },
    ...paragraphs(s.instructions),
    {
      text: `Svar: ${ANSWER_KIND_DA[s.answerKind]}${s.answerLabel ? ` (${s.answerLabel})` : ''}${s.answerHint ? ` – ${s.answerHint}` : ''}`,
      style: 'muted',
      margin: [0, 2, 0, 4],
    },
  ]);
  return document({
    title: d.title,
    code: d.code,
    subject: 'Opgave fra KOMBIT',
    kicker: 'Samspil · KOMBIT',
    now,
    content: [
      facts(rows),
      ...(d.status === 'draft' || d.status === 'announced'
        ? []
        : [
            heading('Kommunernes status'),
            statusTable,
            ...(pastDeadline && c.missing > 0 ? [{ text: `${c.missing} ${c.missing === 1 ? 'kommune har' : 'kommuner har'} overskredet fristen.`, style: 'muted' } as Content] : []),
          ]),
      ...deadlineHistory(d.deadlineChanges),
      ...textSections(d),
      ...(common.length + own > 0
        ? [
            heading('Bilag'),
            { ul: common },
            ...(own > 0 ? [{ text: `Desuden ${own} bilag til enkelte kommuner.`, style: 'muted' } as Content] : []),
          ]
        : []),
      heading(`Trin (${d.steps.length})`),
      ...steps,
    ],
  });
}

// ---------------------------------------------------------------- loading

/**
 * The task as a PDF for whoever may read it (loadTask 'read'; 404 otherwise, as for the page).
 * A municipal user always sees their own municipality's side of the task.
 */
export async function buildTaskPdf(db: Db, actor: Actor, taskId: string, now: Date): Promise<{ filename: string; content: Buffer }> {
  const t = await loadTask(db, actor, taskId, 'read');
  let doc: TDocumentDefinitions;
  if (isCentral(actor)) {
    const def = await getTaskDefinition(db, t.id);
    if (!def) throw notFound('Opgaven findes ikke.');
    const counts = await targetCounts(db, [t.id]);
    doc = centralTaskDocument(def, counts.get(t.id), now);
  } else {
    const code = actor.municipalityCode;
    const view = code ? await getTargetView(db, t, code) : null;
    if (!view) throw notFound('Opgaven findes ikke.');
    doc = municipalTaskDocument(view, now);
  }
  return { filename: taskPdfFilename(t.code), content: await renderPdf(doc) };
}
