import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * "Hvad ser borgeren?", the impact of a draft change and the youth activation day
 * (src/modules/borgerblikket/visibility/). A municipality's questions and impact evaluations are
 * its own: its users and central staff ask them, another municipality's users get 404. Saving a
 * draft is the keepers' (its programleder and its Borgerblikket system owner); the activation day
 * is read by everyone and set by central administrators and consultants.
 */
const readOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });
const keepOwn = (ok: Expect): SignedIn => ({ ...signedIn(403), programLeader: ok });
const keepOther = (): SignedIn => ({ ...signedIn(404), consultant: 403, admin: 403, economist: 403 });
const centralEditors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });

const extract: Upload = { field: 'fil', filename: 'udtraek.csv', contentType: 'text/csv', content: 'KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder\r\n27.12.04;KY;2025-06-01;ja;16\r\n' };
const question = (municipality: string) => ({ municipality, citizenAge: 16, kle: '27.12.04', sourceSystem: 'KY', caseCreated: '2025-06-01', active: true, primaryParty: true, onCpr: true, indexed: true, date: '2025-12-01' });
const asked = '?citizenAge=16&kle=27.12.04&sourceSystem=KY&caseCreated=01.06.2025&active=on&primaryParty=on&onCpr=on&indexed=on';
/** Refused for want of a reason whether or not the plan holds the number: the policy is what is tried here. */
const unsaved = { kle: '27.12.04', shown: '', youth: 'nej', reason: '' };
const activationSaved = { status: 303, location: /^\/borgerblikket\/aktivering\?besked=(gemt|uaendret)$/ };

/** The Borgerblikket module's visibility routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketVisibilityRouteExpectations(): RouteExpectation[] {
  const municipalPage = (path: string, query = ''): RouteExpectation => ({
    route: `GET /borgerblikket/kommuner/:code/${path}`,
    samples: [
      { what: 'own municipality', url: `/borgerblikket/kommuner/${OWN}/${path}${query}`, expect: page(signedIn(200)) },
      { what: 'another municipality', url: `/borgerblikket/kommuner/${OTHER}/${path}${query}`, expect: page(readOther(200)) },
      { what: 'not a municipality', url: `/borgerblikket/kommuner/${NO_SUCH}/${path}`, expect: page(signedIn(404)) },
    ],
  });
  return [
    municipalPage('hvad-ser-borgeren', asked),
    municipalPage('konsekvens'),
    {
      route: 'POST /borgerblikket/kommuner/:code/konsekvens',
      samples: [
        { what: 'own municipality', url: `/borgerblikket/kommuner/${OWN}/konsekvens`, upload: extract, expect: page(signedIn(200)) },
        { what: 'another municipality', url: `/borgerblikket/kommuner/${OTHER}/konsekvens`, upload: extract, expect: page(readOther(200)) },
      ],
    },
    {
      route: 'POST /borgerblikket/kommuner/:code/konsekvens/gem',
      samples: [
        { what: 'own municipality (no reason)', url: `/borgerblikket/kommuner/${OWN}/konsekvens/gem`, body: unsaved, expect: page(keepOwn(422)) },
        { what: 'another municipality', url: `/borgerblikket/kommuner/${OTHER}/konsekvens/gem`, body: unsaved, expect: page(keepOther()) },
      ],
    },
    { route: 'GET /borgerblikket/aktivering', samples: [{ what: 'the activation day', url: '/borgerblikket/aktivering', expect: page(signedIn(200)) }] },
    {
      route: 'POST /borgerblikket/aktivering',
      samples: [{ what: 'the same day again', url: '/borgerblikket/aktivering', body: { youthActivation: '03.11.2025' }, expect: page(centralEditors(activationSaved)) }],
    },
    {
      route: 'POST /api/v1/borgerblikket/visibility',
      samples: [
        { what: 'own municipality', url: '/api/v1/borgerblikket/visibility', body: question(OWN), expect: api(signedIn(200)) },
        { what: 'another municipality', url: '/api/v1/borgerblikket/visibility', body: question(OTHER), expect: api(readOther(200)) },
        { what: 'not a municipality', url: '/api/v1/borgerblikket/visibility', body: question(NO_SUCH), expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'POST /api/v1/borgerblikket/municipalities/:code/impact',
      samples: [
        { what: 'own municipality', url: `/api/v1/borgerblikket/municipalities/${OWN}/impact`, upload: extract, expect: api(signedIn(200)) },
        { what: 'another municipality', url: `/api/v1/borgerblikket/municipalities/${OTHER}/impact`, upload: extract, expect: api(readOther(200)) },
      ],
    },
    { route: 'GET /api/v1/borgerblikket/youth-activation', samples: [{ what: 'the activation day', url: '/api/v1/borgerblikket/youth-activation', expect: api(signedIn(200)) }] },
    {
      route: 'PUT /api/v1/borgerblikket/youth-activation',
      samples: [{ what: 'the same day again', url: '/api/v1/borgerblikket/youth-activation', body: { youthActivation: '2025-11-03' }, expect: api(centralEditors(200)) }],
    },
  ];
}
