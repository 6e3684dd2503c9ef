import { escapeHtml } from '@kitajs/html';
import type { TestOidcAccount } from './oidc-provider.ts';


/**
 * The test MitID Erhverv provider's login page: a button per identity, in Danish, with a heading,
 * a landmark and a real form, so keyboard and screen-reader users (and the browser journey's axe
 * check) can use it. Plain HTML: it is served by the provider's own server, not by Samspil.
 */
export function pickerPage(uid: string, accounts: TestOidcAccount[], error?: string): string {
  const buttons = accounts
    .map(
      (a) =>
        `<li style="margin:0 0 .5rem"><button type="submit" name="konto" value="${escapeHtml(a.sub)}" style="padding:.5rem 1rem;font-size:1rem">${escapeHtml(a.label ?? a.name)}</button></li>`,
    )
    .join('');
  const alert = error ? `<p role="alert" style="color:#b00">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Vælg identitet – MitID Erhverv (test)</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<main>
<h1>MitID Erhverv (testudbyder)</h1>
<p>Dette er en testudbyder til demo og test. Vælg den identitet, du vil logge ind som.</p>
${alert}
<form method="post" action="/interaction/${escapeHtml(uid)}/vaelg">
<fieldset style="border:0;padding:0"><legend style="font-weight:bold;margin-bottom:.5rem">Identitet</legend>
<ul style="list-style:none;padding:0">${buttons}</ul>
</fieldset>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/afbryd"><button type="submit">Afbryd</button></form>
</main>
</body>
</html>`;
}
