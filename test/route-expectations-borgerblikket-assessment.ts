import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * The assessment of KLE numbers with youth data (src/modules/borgerblikket/assessment/): everyone
 * signed in has the list (a municipality's users see their own part); central staff read the
 * progress, central administrators and consultants create (the central reader 403), to a
 * municipality's users the central routes do not exist (404). A municipality's part: its users and
 * central staff read, its keepers (programleder, systemansvarlig for Borgerblikket) decide, everyone
 * else 403, another municipality 404.
 *
 * The route test's database has one KLE number (27.12.04) and no assessment, so these samples check who is let
 * through to the input and the lookup: a creation is refused for its extract (99.99.99 is not in
 * the plan: 422), and an assessment id that does not exist is 404 once the caller may ask.
 * The happy paths are in assessment.test.ts.
 */
const central = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });
const authors = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: 403 });
/** Deciding for Faxe: its programleder gets to the lookup, its other users and central staff are refused. */
const keepers = (ok: Expect): SignedIn => ({ ...signedIn(403), programLeader: ok });
const otherMunicipality = (): SignedIn => ({ ...signedIn(404), consultant: 403, admin: 403, economist: 403 });

const NO_SUCH_ASSESSMENT = '00000000-0000-4000-8000-000000000013';
const extract = (): Upload => ({ field: 'filer', filename: `${OWN}-faxe-udtraek.csv`, contentType: 'text/csv', content: 'KLE-nummer;Antal sager med unge\r\n99.99.99;3\r\n' });
const fields = { code: 'KLIK - BB RUTETEST', title: 'Vurdering (rutetest)', description: 'Rutetest', deadline: '31.10.2099' };
const decisions = { decisions: [{ kle: '27.12.04', decision: 'ikke_klar' }] };
const decisionForm = { kle: '27.12.04', 'beslutning-27.12.04': 'ikke_klar' };

/** The Borgerblikket module's assessment routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketAssessmentRouteExpectations(): RouteExpectation[] {
  const base = `/borgerblikket/vurdering/${NO_SUCH_ASSESSMENT}`;
  const apiBase = `/api/v1/borgerblikket/assessments/${NO_SUCH_ASSESSMENT}`;
  return [
    { route: 'GET /borgerblikket/vurdering', samples: [{ what: 'the assessments the caller may see', url: '/borgerblikket/vurdering', expect: page(signedIn(200)) }] },
    { route: 'GET /borgerblikket/vurdering/ny', samples: [{ what: 'the form to create one', url: '/borgerblikket/vurdering/ny', expect: page(authors(200)) }] },
    {
      route: 'POST /borgerblikket/vurdering',
      samples: [{ what: 'an extract with a number not in the plan', url: '/borgerblikket/vurdering', body: fields, upload: extract, expect: page(authors(422)) }],
    },
    { route: 'GET /borgerblikket/vurdering/:id', samples: [{ what: 'the progress of an assessment that does not exist', url: base, expect: page(central(404)) }] },
    { route: 'GET /borgerblikket/vurdering/:id/kommune', samples: [{ what: "the task's link, for an assessment that does not exist", url: `${base}/kommune`, expect: page(signedIn(404)) }] },
    {
      route: 'GET /borgerblikket/vurdering/:id/kommuner/:code',
      samples: [
        { what: "own municipality's part of an assessment that does not exist", url: `${base}/kommuner/${OWN}`, expect: page(signedIn(404)) },
        { what: "another municipality's part", url: `${base}/kommuner/${OTHER}`, expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /borgerblikket/vurdering/:id/kommuner/:code',
      samples: [
        { what: 'decide for own municipality', url: `${base}/kommuner/${OWN}`, body: decisionForm, expect: page(keepers(404)) },
        { what: 'decide for another municipality', url: `${base}/kommuner/${OTHER}`, body: decisionForm, expect: page(otherMunicipality()) },
      ],
    },
    { route: 'GET /api/v1/borgerblikket/assessments', samples: [{ what: 'the assessments the caller may see', url: '/api/v1/borgerblikket/assessments', expect: api(signedIn(200)) }] },
    {
      route: 'POST /api/v1/borgerblikket/assessments',
      samples: [{ what: 'an extract with a number not in the plan', url: '/api/v1/borgerblikket/assessments', body: fields, upload: extract, expect: api(authors(422)) }],
    },
    { route: 'GET /api/v1/borgerblikket/assessments/:id/progress', samples: [{ what: 'an assessment that does not exist', url: `${apiBase}/progress`, expect: api(central(404)) }] },
    {
      route: 'GET /api/v1/borgerblikket/assessments/:id/municipalities/:code',
      samples: [
        { what: 'own municipality, an assessment that does not exist', url: `${apiBase}/municipalities/${OWN}`, expect: api(signedIn(404)) },
        { what: 'another municipality', url: `${apiBase}/municipalities/${OTHER}`, expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'POST /api/v1/borgerblikket/assessments/:id/municipalities/:code/decisions',
      samples: [
        { what: 'decide for own municipality', url: `${apiBase}/municipalities/${OWN}/decisions`, body: decisions, expect: api(keepers(404)) },
        { what: 'decide for another municipality', url: `${apiBase}/municipalities/${OTHER}/decisions`, body: decisions, expect: api(otherMunicipality()) },
      ],
    },
  ];
}
