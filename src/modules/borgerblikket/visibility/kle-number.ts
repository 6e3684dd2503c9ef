/**
 * KL's subject numbers (KLE): a main group "27", a group "27.12", a topic "27.12.04". Written with
 * two digits per level; a configuration set on a main group or group holds for what lies below it
 * unless a lower level says otherwise.
 */
export type KleLevel = 'hovedgruppe' | 'gruppe' | 'emne';

const KLE = /^(\d{2})(?:\.(\d{2})(?:\.(\d{2}))?)?$/;

/** The number as KL writes it, or null: "27.12.04"; "27.12.4" and " 27.12.04 " are read too. */
export function normaliseKle(raw: string): string | null {
  // Most numbers arrive as KL writes them (a large extract asks a hundred thousand times).
  if (KLE.test(raw)) return raw;
  const parts = raw.trim().split('.');
  if (parts.length < 1 || parts.length > 3 || parts.some((p) => !/^\d{1,2}$/.test(p))) return null;
  const kle = parts.map((p) => p.padStart(2, '0')).join('.');
  return KLE.test(kle) ? kle : null;
}

export function kleLevel(kle: string): KleLevel {
  const depth = kle.split('.').length;
  return depth === 1 ? 'hovedgruppe' : depth === 2 ? 'gruppe' : 'emne';
}

/** The number and the levels above it, nearest first: "27.12.04", "27.12", "27". */
export function kleAncestry(kle: string): string[] {
  const parts = kle.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}
