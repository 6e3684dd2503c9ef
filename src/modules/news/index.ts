// What other modules may use from news: its routes, which src/modules/index.ts registers, and a
// programme's news (the programme page lists the items that concern it, as the reader may see them).
export { registerNews } from './routes.tsx';
export { programmeNews, type NewsRow } from './queries.ts';
// Meeting agenda items link to news items, and show a link only to a reader the news' own read rule allows.
export { newsItem } from './schema.ts';
export { newsItemVisibleTo } from './policy.ts';
