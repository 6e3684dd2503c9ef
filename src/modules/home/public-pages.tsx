import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../../platform/http/request-context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { FAVICON_SVG } from '../../platform/views/favicon.ts';

/** The date the accessibility statement was last reviewed; change it whenever the statement changes. */
const STATEMENT_DATE = '6. december 2026';
const SUPPORT_MAIL = 'samspil@kombit.dk';

// Help, data protection and accessibility must be readable before login: a citizen or a new
// user without an account has the same right to them as a logged-in one.
const open = { config: { public: true } } as const;

function page(request: FastifyRequest, reply: FastifyReply, title: string, body: JSX.Element) {
  // The session is optional here; a logged-in user keeps the menu and name in the header.
  const actor = request.actor ?? null;
  return sendPage(
    reply,
    <Layout title={title} actor={actor} csrfToken={request.csrfToken}>
      {body}
    </Layout>,
  );
}

function HelpPage() {
  return (
    <>
      <h1>Hjælp og kontakt</h1>
      <p class="font-lead">
        Samspil er KOMBITs og kommunernes fælles sted for opgaver, aftaler og rollegalleriet for de fælleskommunale løsninger.
      </p>
      <h2>Kontakt KOMBIT</h2>
      <p>
        Har du spørgsmål til Samspil, til en opgave eller en aftale, så skriv til KOMBITs kommunesupport på{' '}
        <a href={`mailto:${SUPPORT_MAIL}`}>{SUPPORT_MAIL}</a>. Skriv hvilken kommune du kommer fra, og hvilken side det drejer sig om.
      </p>
      <h2>Kom godt i gang</h2>
      <ul>
        <li>Forsiden viser, hvad du og din kommune skal gøre nu.</li>
        <li>Under Opgaver finder du de opgaver, KOMBIT har stillet kommunerne, med deres frister.</li>
        <li>Under Aftaler kan du se og underskrive de aftaler, din kommune skal indgå.</li>
        <li>I rollegalleriet står, hvem i kommunen der har hvilke roller for de fælleskommunale løsninger.</li>
      </ul>
      <h2>Adgang og adgangskode</h2>
      <p>
        Har du glemt din adgangskode, kan du <a href="/glemt-adgangskode">få tilsendt et link</a>. Har du ingen adgang, så kontakt den
        person i din kommune, der vedligeholder rollegalleriet, eller KOMBIT.
      </p>
    </>
  );
}

function PersonalDataPage() {
  return (
    <>
      <h1>Sådan behandler vi personoplysninger</h1>
      <p class="font-lead">KOMBIT er dataansvarlig for de personoplysninger, der behandles i Samspil.</p>
      <h2>Hvad vi gemmer</h2>
      <ul>
        <li>Navn, e-mailadresse og titel på de personer, der står i kommunernes rollegallerier.</li>
        <li>Hvilke roller hver person har, for hvilken kommune og løsning.</li>
        <li>Brugerkonti: e-mailadresse og en krypteret udgave af adgangskoden (aldrig selve adgangskoden).</li>
        <li>Sessioner, når du er logget ind, og dine personlige API-nøgler (kun som kontrolsum).</li>
        <li>En log over ændringer (hvem gjorde hvad og hvornår), med den IP-adresse, ændringen kom fra.</li>
        <li>De e-mails, Samspil sender, fx påmindelser om frister.</li>
      </ul>
      <h2>Hvorfor</h2>
      <p>
        Oplysningerne bruges til at samarbejdet mellem KOMBIT og kommunerne om de fælleskommunale løsninger kan foregå: at de rigtige
        personer får besked, kan underskrive aftaler og løse opgaver. Loggen bruges til at kunne dokumentere, hvem der har ændret hvad,
        og til at opdage misbrug. Behandlingen sker for at udføre opgaver i offentlighedens interesse (databeskyttelsesforordningens
        artikel 6, stk. 1, litra e).
      </p>
      <h2>Hvor længe</h2>
      <ul>
        <li>Personer og roller gemmes, så længe personen har rollen i kommunen.</li>
        <li>En session udløber, når du logger af eller efter nogle timer uden brug.</li>
        <li>Loggen over ændringer og sendte e-mails gemmes i fem år af hensyn til dokumentation.</li>
      </ul>
      <h2>Dine rettigheder og kontakt</h2>
      <p>
        Du har ret til at få indsigt i, rettet og i visse tilfælde slettet oplysninger om dig. Skriv til KOMBIT på{' '}
        <a href={`mailto:${SUPPORT_MAIL}`}>{SUPPORT_MAIL}</a>, eller kontakt KOMBITs databeskyttelsesrådgiver. Du kan klage til
        Datatilsynet, <a href="https://www.datatilsynet.dk">datatilsynet.dk</a>.
      </p>
    </>
  );
}

function AccessibilityPage() {
  return (
    <>
      <h1>Tilgængelighedserklæring</h1>
      <p class="font-lead">
        KOMBIT er forpligtet til at gøre Samspil tilgængeligt i overensstemmelse med lov om tilgængelighed af offentlige organers
        websteder og mobilapplikationer (webtilgængelighedsloven).
      </p>
      <h2>Hvilket websted erklæringen gælder</h2>
      <p>Denne tilgængelighedserklæring gælder for Samspil, det fælles websted for KOMBIT og de 98 kommuner.</p>
      <h2>Overholdelsesstatus</h2>
      <p>
        Samspil er <strong>delvist i overensstemmelse</strong> med standarden EN 301 549 og WCAG 2.1 på niveau AA på grund af de
        manglende overholdelser, der er nævnt nedenfor.
      </p>
      <h2>Kendte problemer</h2>
      <ul>
        <li>Underskrevne aftaler, der uploades som PDF, er ikke altid tilgængelige dokumenter.</li>
        <li>Store tabeller, fx oversigten over kommuner og aftaler, kan være svære at overskue med skærmlæser og på små skærme.</li>
        <li>Webstedet er testet automatisk og med tastatur, men endnu ikke af brugere med skærmlæser.</li>
      </ul>
      <h2>Udarbejdelse af erklæringen</h2>
      <p>Erklæringen er udarbejdet ved KOMBITs egen vurdering med automatiske test af siderne.</p>
      <h2>Feedback og kontaktoplysninger</h2>
      <p>
        Oplever du problemer med tilgængeligheden, eller har du brug for indholdet i en anden form, så skriv til{' '}
        <a href={`mailto:${SUPPORT_MAIL}`}>{SUPPORT_MAIL}</a>. Vi svarer så hurtigt som muligt.
      </p>
      <h2>Håndhævelsesprocedure</h2>
      <p>
        Er du ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen, der fører tilsyn med webtilgængelighed:{' '}
        <a href="https://www.was.digst.dk">was.digst.dk</a>.
      </p>
      <h2>Dato</h2>
      <p>{`Erklæringen er senest opdateret ${STATEMENT_DATE}.`}</p>
    </>
  );
}

export function registerPublicPages(app: FastifyInstance) {
  app.get('/hjaelp', open, async (request, reply) => page(request, reply, 'Hjælp og kontakt', <HelpPage />));
  app.get('/persondata', open, async (request, reply) => page(request, reply, 'Personoplysninger', <PersonalDataPage />));
  app.get('/tilgaengelighed', open, async (request, reply) => page(request, reply, 'Tilgængelighedserklæring', <AccessibilityPage />));
  app.get('/favicon.svg', open, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
  );
  // Browsers ask for /favicon.ico on their own; without this it would land on the login redirect.
  app.get('/favicon.ico', open, async (_request, reply) => reply.redirect('/favicon.svg', 301));
}
