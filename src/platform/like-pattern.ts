/**
 * A LIKE/ILIKE pattern that finds `text` literally anywhere: %, _ and the backslash are LIKE's own
 * wildcards and escape, so a search for "50%" or "a_b" must not match more than it says.
 */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
