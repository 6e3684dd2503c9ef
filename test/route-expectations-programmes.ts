import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/** Everyone signed in reads programmes; central administrators and consultants edit them (programmes/policy.ts). */
const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });

/**
 * The route test's database has no programmes (the tasks demo is not seeded there), so the samples
 * name one that does not exist: the policy answers before the lookup (403 to everyone but the
 * editors), and the editors get 404. The writes' success is in src/modules/programmes/programmes.test.ts.
 */
const KEY = 'rutetest-findes-ikke';
const NO_SUCH_MILESTONE = '00000000-0000-4000-8000-00000000bbbb';
let n = 0;
/** A new comment or figure name for every request, so no sample is taken for a repeat of another. */
const fresh = () => `Rutetest ${String(process.pid)}-${String((n += 1))}`;

/** The programmes module's routes (issue #14) against every kind of caller; part of the table in route-expectations.ts. */
export function programmesRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /programmer', samples: [{ what: 'every programme', url: '/programmer', expect: page(signedIn(200)) }] },
    {
      route: 'GET /programmer/:key',
      samples: [
        { what: 'a programme that does not exist', url: `/programmer/${KEY}`, expect: page(signedIn(404)) },
        { what: 'a key no programme can have', url: '/programmer/Ikke_en_n%C3%B8gle', expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /programmer/:key/status',
      samples: [{ what: 'a status', url: `/programmer/${KEY}/status`, body: () => ({ status: 'gul', statusOn: '2026-05-01', comment: fresh() }), expect: page(editors(404)) }],
    },
    {
      route: 'POST /programmer/:key/milepaele',
      samples: [{ what: 'a milestone', url: `/programmer/${KEY}/milepaele`, body: () => ({ title: fresh(), startsOn: '2026-09-01', state: 'planlagt' }), expect: page(editors(404)) }],
    },
    {
      route: 'GET /programmer/:key/milepaele/:id',
      samples: [{ what: 'a milestone that does not exist', url: `/programmer/${KEY}/milepaele/${NO_SUCH_MILESTONE}`, expect: page(editors(404)) }],
    },
    {
      route: 'POST /programmer/:key/milepaele/:id',
      samples: [
        {
          what: 'a milestone that does not exist',
          url: `/programmer/${KEY}/milepaele/${NO_SUCH_MILESTONE}`,
          body: () => ({ title: fresh(), startsOn: '2026-09-01', state: 'planlagt' }),
          expect: page(editors(404)),
        },
      ],
    },
    {
      route: 'POST /programmer/:key/noegletal',
      samples: [{ what: 'a key figure with two points', url: `/programmer/${KEY}/noegletal`, body: () => ({ name: fresh(), points: '01.05.2025;10\n08.05.2025;20' }), expect: page(editors(404)) }],
    },
    {
      route: 'GET /programmer/:key/milepaele/:id/slet',
      samples: [{ what: 'asking before a milestone is deleted', url: `/programmer/${KEY}/milepaele/${NO_SUCH_MILESTONE}/slet`, expect: page(editors(404)) }],
    },
    {
      route: 'POST /programmer/:key/milepaele/:id/slet',
      samples: [{ what: 'deleting a milestone', url: `/programmer/${KEY}/milepaele/${NO_SUCH_MILESTONE}/slet`, body: () => ({ requestKey: fresh() }), expect: page(editors(404)) }],
    },
    {
      route: 'GET /programmer/:key/noegletal/:id/slet',
      samples: [{ what: 'asking before a key figure is deleted', url: `/programmer/${KEY}/noegletal/${NO_SUCH_MILESTONE}/slet`, expect: page(editors(404)) }],
    },
    {
      route: 'POST /programmer/:key/noegletal/:id/slet',
      samples: [{ what: 'deleting a key figure', url: `/programmer/${KEY}/noegletal/${NO_SUCH_MILESTONE}/slet`, body: () => ({ requestKey: fresh() }), expect: page(editors(404)) }],
    },
    { route: 'GET /programmer/:key/noegletal.xlsx', samples: [{ what: 'every point as XLSX', url: `/programmer/${KEY}/noegletal.xlsx`, expect: page(signedIn(404)) }] },
    { route: 'GET /programmer/:key/noegletal.csv', samples: [{ what: 'every point as CSV', url: `/programmer/${KEY}/noegletal.csv`, expect: page(signedIn(404)) }] },
    {
      route: 'POST /programmer/:key/oplysninger',
      samples: [{ what: 'the description', url: `/programmer/${KEY}/oplysninger`, body: () => ({ description: fresh(), responsiblePersonId: '' }), expect: page(editors(404)) }],
    },
    { route: 'GET /api/v1/programmes', samples: [{ what: 'every programme', url: '/api/v1/programmes', expect: api(signedIn(200)) }] },
    {
      route: 'GET /api/v1/programmes/:key',
      samples: [
        { what: 'a programme that does not exist', url: `/api/v1/programmes/${KEY}`, expect: api(signedIn(404)) },
      ],
    },
    { route: 'PUT /api/v1/programmes/:key', samples: [{ what: 'the description', url: `/api/v1/programmes/${KEY}`, body: () => ({ description: fresh() }), expect: api(editors(404)) }] },
    {
      route: 'POST /api/v1/programmes/:key/statuses',
      samples: [{ what: 'a status', url: `/api/v1/programmes/${KEY}/statuses`, body: () => ({ status: 'roed', statusOn: '2026-05-02', comment: fresh() }), expect: api(editors(404)) }],
    },
    {
      route: 'POST /api/v1/programmes/:key/milestones',
      samples: [{ what: 'a milestone', url: `/api/v1/programmes/${KEY}/milestones`, body: () => ({ title: fresh(), startsOn: '2026-10-01' }), expect: api(editors(404)) }],
    },
    {
      route: 'PUT /api/v1/programmes/:key/milestones/:id',
      samples: [
        {
          what: 'a milestone that does not exist',
          url: `/api/v1/programmes/${KEY}/milestones/${NO_SUCH_MILESTONE}`,
          body: () => ({ title: fresh(), startsOn: '2026-10-01' }),
          expect: api(editors(404)),
        },
      ],
    },
    {
      route: 'DELETE /api/v1/programmes/:key/milestones/:id',
      samples: [{ what: 'a milestone', url: `/api/v1/programmes/${KEY}/milestones/${NO_SUCH_MILESTONE}`, expect: api(editors(404)) }],
    },
    {
      route: 'DELETE /api/v1/programmes/:key/figures/:id',
      samples: [{ what: 'a key figure', url: `/api/v1/programmes/${KEY}/figures/${NO_SUCH_MILESTONE}`, expect: api(editors(404)) }],
    },
    {
      route: 'POST /api/v1/programmes/:key/figures',
      samples: [{ what: 'a new key figure', url: `/api/v1/programmes/${KEY}/figures`, body: () => ({ name: fresh(), points: [{ on: '2025-05-01', value: 1 }] }), expect: api(editors(404)) }],
    },
  ];
}
