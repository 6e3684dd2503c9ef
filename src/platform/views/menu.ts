import type { Actor } from '../context.ts';

export type NavKey = 'forside' | 'opgaver' | 'aftaler' | 'compliance' | 'portefoelje' | 'oekonomi' | 'styring' | 'aula' | 'borgerblikket' | 'programmer' | 'nyt' | 'moeder' | 'kommuner' | 'rolleoverblik' | 'reservelogin' | 'log' | 'post' | 'api' | 'profil';

export type NavItem = { key: NavKey; href: string; label: string };

/**
 * A main-menu entry a module contributes. `visible` is the module's own authorisation check for
 * the page, so the menu never shows a link that answers 403: the menu is the policy.
 */
export type MenuEntry = {
  key: NavKey;
  /** Place in the menu, lowest first; fixed numbers keep the order independent of registration order. */
  order: number;
  href: string | ((actor: Actor) => string);
  label: string | ((actor: Actor) => string);
  visible: (actor: Actor) => boolean;
};

// Process-wide because the layout renders without the Fastify instance at hand. Keyed by `key` so
// building the app again (every test file does) replaces an entry rather than adding it twice.
const entries = new Map<NavKey, MenuEntry>();

export function registerMenuEntry(entry: MenuEntry): void {
  entries.set(entry.key, entry);
}

/** The entries the actor may open, in menu order. */
export function menuFor(actor: Actor): NavItem[] {
  return [...entries.values()]
    .filter((e) => e.visible(actor))
    .sort((a, b) => a.order - b.order)
    .map((e) => ({
      key: e.key,
      href: typeof e.href === 'function' ? e.href(actor) : e.href,
      label: typeof e.label === 'function' ? e.label(actor) : e.label,
    }));
}
