/** The start of a message as an item's detail: at most 140 characters, cut with "…". */
export const excerpt = (s: string, max = 140): string => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);
