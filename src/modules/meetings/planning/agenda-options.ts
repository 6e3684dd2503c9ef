import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { person } from '../../../platform/identity/schema.ts';
import { byDanish, danishCompare } from '../../../platform/views/format.ts';
import { agreement } from '../../agreements/index.ts';
import { newsItem } from '../../news/index.ts';
import { project, task } from '../../tasks/index.ts';
import type { AgendaItem, AgendaLink } from './load-meeting.ts';

export type Option = { value: string; label: string };
export type AgendaOptions = { people: Option[]; news: Option[]; programmes: Option[]; tasks: Option[]; agreements: Option[] };

/** Each list the agenda form offers holds at most this many (the newest): a select stays usable. */
export const OPTIONS_SHOWN = 200;

/**
 * What an agenda item may point at and who may present, for central editors (who read all of it):
 * active people of the central organisation, and the newest news items, programmes, tasks of all
 * municipalities (not local ones) and agreements. Five statements. `current` is the item being
 * edited: its own presenters and links are always offered, so saving it (say, to mend a typo) never
 * drops an older link or a presenter who has since left.
 */
export async function agendaOptions(db: Db, current?: AgendaItem): Promise<AgendaOptions> {
  const [people, news, programmes, tasks, agreements] = await Promise.all([
    db
      .select({ value: person.id, name: person.name, title: person.title })
      .from(person)
      .where(and(isNull(person.municipalityCode), eq(person.active, true)))
      // A fixed order for the bound; the list is sorted by name in Danish below.
      .orderBy(person.id)
      .limit(1000),
    db.select({ value: newsItem.id, label: newsItem.title }).from(newsItem).orderBy(desc(newsItem.publishOn), desc(newsItem.createdAt)).limit(OPTIONS_SHOWN),
    db.select({ value: project.id, label: project.name }).from(project).orderBy(desc(project.createdAt)).limit(OPTIONS_SHOWN),
    db
      .select({ value: task.id, code: task.code, title: task.title })
      .from(task)
      .where(isNull(task.localMunicipalityCode))
      .orderBy(desc(task.createdAt))
      .limit(OPTIONS_SHOWN),
    db.select({ value: agreement.id, label: agreement.title }).from(agreement).orderBy(desc(agreement.createdAt)).limit(OPTIONS_SHOWN),
  ]);
  const byLabel = byDanish((o: Option) => o.label);
  const keep = (list: Option[], kind: AgendaLink['kind']) => withCurrent(list, (current?.links ?? []).filter((l) => l.kind === kind).map((l) => ({ value: l.id, label: l.title })));
  return {
    people: withCurrent(
      people.map((p) => ({ value: p.value, label: p.title ? `${p.name} (${p.title})` : p.name })),
      (current?.presenters ?? []).map((p) => ({ value: p.id, label: p.title ? `${p.name} (${p.title})` : p.name })),
    ).sort((a, b) => danishCompare(a.label, b.label)),
    news: keep(news, 'news'),
    programmes: keep(programmes, 'programme').sort(byLabel),
    tasks: keep(
      tasks.map((t) => ({ value: t.value, label: `${t.code}: ${t.title}` })),
      'task',
    ),
    agreements: keep(agreements, 'agreement').sort(byLabel),
  };
}

/** The list with the item's own choices added where the bounded list left them out. */
function withCurrent(list: Option[], chosen: Option[]): Option[] {
  const have = new Set(list.map((o) => o.value));
  return [...list, ...chosen.filter((o) => !have.has(o.value))];
}

/** The ids sent that are not among what may be chosen: each a 422 on its field. */
export async function unknownReferences(
  db: Db,
  input: { presenters: string[]; news: string[]; programmes: string[]; tasks: string[]; agreements: string[] },
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const check = async (field: keyof typeof input, message: string, found: (ids: string[]) => Promise<unknown[]>) => {
    const ids = input[field];
    if (ids.length === 0) return;
    if (!ids.every(isUuid) || (await found(ids)).length !== ids.length) errors[field] = message;
  };
  await Promise.all([
    check('presenters', 'Vælg oplægsholdere blandt KOMBITs medarbejdere', (ids) =>
      db.select({ id: person.id }).from(person).where(and(inArray(person.id, ids), isNull(person.municipalityCode))),
    ),
    check('news', 'Vælg nyheder fra listen', (ids) => db.select({ id: newsItem.id }).from(newsItem).where(inArray(newsItem.id, ids))),
    check('programmes', 'Vælg programmer fra listen', (ids) => db.select({ id: project.id }).from(project).where(inArray(project.id, ids))),
    check('tasks', 'Vælg opgaver fra listen', (ids) => db.select({ id: task.id }).from(task).where(and(inArray(task.id, ids), isNull(task.localMunicipalityCode)))),
    check('agreements', 'Vælg aftaler fra listen', (ids) => db.select({ id: agreement.id }).from(agreement).where(inArray(agreement.id, ids))),
  ]);
  return errors;
}
