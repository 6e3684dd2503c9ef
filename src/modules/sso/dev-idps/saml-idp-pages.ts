import type { DemoIdentity } from './identities.ts';
import { xmlEscape as esc } from './saml-idp-response.ts';

const page = (title: string, body: string, script = '') =>
  `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} – test-identitetsudbyder</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}ul{list-style:none;padding:0}li{margin:.5rem 0}button{font:inherit;padding:.6rem 1rem;min-width:100%;text-align:left;cursor:pointer}button:focus{outline:3px solid #1a5fb4;outline-offset:2px}.note{background:#fff3cd;padding:.5rem 1rem}</style></head>
<body><main>
${body}
</main>${script}</body>
</html>`;

/** The identity picker: one button per identity, in a list, under a heading that says what this is. */
export function pickerPage(requestToken: string, identities: DemoIdentity[], spEntityId: string): string {
  const items = identities
    .map((i) => `<li><button type="submit" name="identitet" value="${esc(i.key)}">${esc(i.label)}</button></li>`)
    .join('\n');
  return page(
    'Vælg testbruger',
    `<h1>Log ind som testbruger</h1>
<p class="note">Dette er en test-identitetsudbyder, der efterligner Context Handler. Den bruges kun i test og demo.</p>
<p>Tjenesten <strong>${esc(spEntityId)}</strong> beder om et log ind. Vælg, hvem du vil logge ind som:</p>
<form method="post" action="/sso/vaelg">
<input type="hidden" name="anmodning" value="${esc(requestToken)}">
<ul aria-label="Testbrugere">
${items}
</ul>
</form>`,
  );
}

/** The HTTP-POST binding: a form that posts itself to the SP, with a visible button for browsers without JavaScript. */
export function autoPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
  return page(
    'Sender dig videre',
    `<h1>Sender dig videre</h1>
<form method="post" action="${esc(action)}">
${inputs}
<p>Sker der ikke noget, så tryk på knappen.</p>
<button type="submit">Fortsæt til tjenesten</button>
</form>`,
    '<script>document.forms[0].submit();</script>',
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${esc(title)}</h1>\n<p>${esc(text)}</p>`);
}
