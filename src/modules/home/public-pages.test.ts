import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';

/** What a public-sector site owes everyone, logged in or not: help, data protection, accessibility, a favicon. */

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

const PAGES = [
  { url: '/hjaelp', headings: ['Hjælp og kontakt', 'Kontakt KOMBIT'] },
  { url: '/persondata', headings: ['Sådan behandler vi personoplysninger', 'Hvad vi gemmer', 'Hvorfor', 'Hvor længe', 'Dine rettigheder og kontakt'] },
  {
    url: '/tilgaengelighed',
    headings: ['Tilgængelighedserklæring', 'Overholdelsesstatus', 'Kendte problemer', 'Feedback og kontaktoplysninger', 'Håndhævelsesprocedure', 'Dato'],
  },
];

describe('public pages', () => {
  for (const p of PAGES) {
    it(`${p.url} answers without login with its headings`, async () => {
      const res = await t.app.inject(p.url);
      expect(res.statusCode).toBe(200);
      for (const h of p.headings) expect(res.body).toMatch(new RegExp(`<h[12][^>]*>${h}</h[12]>`));
    });
  }

  it('the accessibility statement gives status, complaint route and date', async () => {
    const body = (await t.app.inject('/tilgaengelighed')).body;
    expect(body).toContain('delvist i overensstemmelse');
    expect(body).toContain('Digitaliseringsstyrelsen');
    expect(body).toMatch(/senest opdateret \d{1,2}\. [a-zæøå]+ \d{4}/);
  });

  it('the personal data page names what is stored: names, e-mail, roles, the log with IP, sessions', async () => {
    const body = (await t.app.inject('/persondata')).body;
    for (const word of ['Navn', 'e-mailadresse', 'roller', 'IP-adresse', 'Sessioner']) expect(body).toContain(word);
  });

  it('the footer on the front page and on the login page links to all three', async () => {
    const admin = await loginAs(t.app, DEMO.admin);
    const front = (await admin.get('/')).body;
    const login = (await t.app.inject('/login')).body;
    for (const body of [front, login]) {
      const footer = body.slice(body.indexOf('<footer'));
      for (const href of ['/hjaelp', '/persondata', '/tilgaengelighed']) expect(footer).toContain(`href="${href}"`);
    }
  });

  it('the header names Samspil once and has a favicon', async () => {
    const body = (await t.app.inject('/login')).body;
    const header = body.slice(body.indexOf('<header'), body.indexOf('</header>'));
    expect(header.match(/>\s*Samspil\s*</g)).toHaveLength(1);
    expect(body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
  });

  it('serves /favicon.svg as SVG and does not send /favicon.ico to the login page', async () => {
    const svg = await t.app.inject('/favicon.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    const ico = await t.app.inject('/favicon.ico');
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe('/favicon.svg');
  });
});

describe('the API docs link', () => {
  it('is on the profile page, with the Bearer placeholder visible, and not in the main menu', async () => {
    const admin = await loginAs(t.app, DEMO.admin);
    const profile = (await admin.get('/profil')).body;
    expect(profile).toContain('Authorization: Bearer &lt;nøgle&gt;');
    expect(profile).toContain('href="/api/docs"');
    const front = (await admin.get('/')).body;
    const menu = front.slice(front.indexOf('<nav class="navigation-menu"'), front.indexOf('</nav>'));
    expect(menu).toContain('href="/aftaler"');
    expect(menu).not.toContain('/api/docs');
    const main = front.slice(front.indexOf('<main'), front.indexOf('</main>'));
    expect(main).not.toContain('/api/docs');
  });
});
