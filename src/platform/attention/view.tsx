import { danishDay, formatDeadline } from '../views/format.ts';
import { ageInWords, dueInWords } from './due.ts';
import type { AttentionItem, AttentionSection } from './provider.ts';

const severityClass = { alert: 'badge badge-error', warning: 'badge badge-warning', info: 'badge badge-info' } as const;
export const severityLabel = { alert: 'Haster', warning: 'Snart', info: 'Nyt' } as const;

function When(p: { item: AttentionItem; today: string }): JSX.Element {
  const { item, today } = p;
  if (item.due) {
    return (
      <span class="samspil-attention-when" safe>
        {`Frist ${formatDeadline(item.due)} · ${dueInWords(item.due, today)}`}
      </span>
    );
  }
  if (item.since) {
    const age = ageInWords(danishDay(item.since), today);
    return (
      <span class="samspil-attention-when" safe>
        {age === 'i dag' ? 'Venter siden i dag' : `Har ventet ${age}`}
      </span>
    );
  }
  return <></>;
}

/**
 * The sections of a front page or a municipality page. Severity is shown as a word in a badge and
 * never as colour alone; every item is a link to where it is handled.
 */
export function AttentionSections(p: { sections: AttentionSection[]; today: string; headingLevel?: 2 | 3; empty: string }): JSX.Element {
  const shown = p.sections.filter((s) => s.items.length > 0);
  if (shown.length === 0) return <p class="samspil-attention-empty" safe>{p.empty}</p>;
  const H = p.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <>
      {shown.map((s) => (
        <section class="samspil-attention" aria-labelledby={`attention-${s.key}`}>
          {H === 'h3' ? (
            <h3 id={`attention-${s.key}`} safe>{`${s.heading} (${s.items.length})`}</h3>
          ) : (
            <h2 id={`attention-${s.key}`} safe>{`${s.heading} (${s.items.length})`}</h2>
          )}
          <ul class="nobullet-list samspil-attention-list">
            {s.items.map((item) => (
              <li class={`samspil-attention-item samspil-attention-${item.severity}`}>
                <span class={severityClass[item.severity]} safe>{item.label ?? severityLabel[item.severity]}</span>{' '}
                <a href={item.href} safe>{item.title}</a>
                {item.detail ? <span class="samspil-attention-detail" safe>{item.detail}</span> : ''}
                <When item={item} today={p.today} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
