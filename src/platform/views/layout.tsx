import type { Actor } from '../context.ts';
import { badgeMarker } from '../attention/badges.ts';
import { menuFor, type NavItem, type NavKey } from './menu.ts';

export type { NavKey } from './menu.ts';

export type LayoutProps = {
  title: string;
  actor: Actor | null;
  csrfToken?: string | undefined;
  nav?: NavKey;
  /** Markup only: text from users must already be inside elements marked `safe`. */
  children?: JSX.Element | JSX.Element[];
};

/** The menu the modules registered, reduced to what the actor may open (see menu.ts). */
export function navItems(actor: Actor): NavItem[] {
  return menuFor(actor);
}

export function Layout(props: LayoutProps): JSX.Element {
  const { actor } = props;
  const where = actor ? (actor.municipalityName ? `${actor.municipalityName} Kommune` : 'KOMBIT') : '';
  return (
    <>
      {'<!doctype html>'}
      <html lang="da">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${props.title} – Samspil`}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css" />
          <link rel="stylesheet" href="/static/samspil.css" />
        </head>
        <body>
          <a class="skipnav" href="#main-content">
            Gå til sidens indhold
          </a>
          <header class="header">
            <div class="portal-info">
              <div class="portal-info-inner container">
                {/* DKFDS logo slot: the organisation's logo goes here; Samspil itself is named once, below. */}
                <a href="/" class="logo samspil-logo" aria-label="KOMBIT – til forsiden">
                  <img src="/favicon.svg" alt="" width="32" height="32" />
                  <span>KOMBIT</span>
                </a>
                {actor ? (
                  <div class="portal-user">
                    <p class="user">
                      <a href="/profil" class="samspil-user-name" safe>
                        {actor.name}
                      </a>
                      <br />
                      <span safe>{where}</span>
                    </p>
                    <form method="post" action="/logout" class="samspil-inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                      <button type="submit" class="button button-secondary log-off">
                        Log af
                      </button>
                    </form>
                  </div>
                ) : (
                  ''
                )}
              </div>
            </div>
            <div class="solution-info">
              <div class="solution-info-inner container">
                <div class="solution-heading">
                  <a href="/">Samspil</a>
                </div>
                <div class="additional-info">
                  <p>Samarbejdet mellem KOMBIT og kommunerne</p>
                </div>
              </div>
            </div>
            {actor ? (
              <nav class="navigation-menu" aria-label="Hovedmenu">
                <div class="navigation-menu-inner container">
                  {/*
                    On a phone the menu folds into a "Menu" button: a <details> disclosure, so it opens
                    without JavaScript and the browser announces it as expanded or collapsed. From DKFDS's
                    lg breakpoint up, samspil.css hides the button and shows the menu as a row (see there).
                  */}
                  <details class="samspil-menu">
                    <summary class="button button-secondary samspil-menu-button">
                      <svg class="icon-svg" aria-hidden="true" focusable="false">
                        <use href="/static/dkfds/img/all-svg-icons.svg#menu"></use>
                      </svg>
                      Menu
                      {badgeMarker('all') as 'safe'}
                    </summary>
                    {/* DKFDS: .nav wraps ul.mainmenu; on the ul itself `.nav { display: block }` beats the menu's flex row. */}
                    <div class="nav">
                      <ul class="mainmenu">
                        {navItems(actor).map((item) => (
                          <li class={item.key === props.nav ? 'mainmenu-item active current' : 'mainmenu-item'}>
                            <a
                              href={item.href}
                              class="nav-link"
                              aria-current={item.key === props.nav ? 'page' : undefined}
                            >
                              <span safe>{item.label}</span>
                              {badgeMarker(item.key) as 'safe'}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </div>
                  </details>
                </div>
              </nav>
            ) : (
              ''
            )}
          </header>
          <main class="container samspil-main" id="main-content">
            {props.children as 'safe'}
          </main>
          <footer>
            <div class="footer">
              <div class="container">
                <p>Samspil · KOMBIT og de 98 kommuner</p>
                <ul class="inline-list samspil-footer-links" aria-label="Om Samspil">
                  <li><a href="/hjaelp">Hjælp og kontakt</a></li>
                  <li><a href="/persondata">Personoplysninger</a></li>
                  <li><a href="/tilgaengelighed">Tilgængelighedserklæring</a></li>
                </ul>
              </div>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
