import type { RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The KLE plan (src/modules/borgerblikket/plan/): everyone signed in reads it; central
 * administrators and consultants import a new plan, everyone else 403.
 *
 * The upload is a plan with a topic under the wrong group, so an importer gets the per-line report
 * (422) and the table's shared database keeps whatever plan the other parts' fixtures put there: a
 * plan that went through would mark every number it leaves out as expired.
 */
const importers = (ok: number): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });

const misplaced: Upload = {
  field: 'fil',
  filename: 'kle.xml',
  contentType: 'application/xml',
  content:
    '<?xml version="1.0" encoding="UTF-8"?>\n<KLE-Emneplan><UdgivelsesDato>2025-01-15</UdgivelsesDato>\n' +
    '<Hovedgruppe><HovedgruppeNr>27</HovedgruppeNr><HovedgruppeTitel>Arbejdsmarked</HovedgruppeTitel>\n' +
    '<Gruppe><GruppeNr>27.12</GruppeNr><GruppeTitel>Kontanthjælp</GruppeTitel>\n' +
    '<Emne><EmneNr>28.12.04</EmneNr><EmneTitel>Rutetest</EmneTitel></Emne></Gruppe></Hovedgruppe></KLE-Emneplan>\n',
};

/** The Borgerblikket module's plan routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketPlanRouteExpectations(): RouteExpectation[] {
  return [
    {
      route: 'GET /borgerblikket/kle',
      samples: [
        { what: 'the plan', url: '/borgerblikket/kle', expect: page(signedIn(200)) },
        { what: 'one main group', url: '/borgerblikket/kle?hovedgruppe=27', expect: page(signedIn(200)) },
      ],
    },
    { route: 'GET /api/v1/borgerblikket/kle', samples: [{ what: 'the plan', url: '/api/v1/borgerblikket/kle?includeExpired=false', expect: api(signedIn(200)) }] },
    { route: 'POST /borgerblikket/kle/import', samples: [{ what: 'a plan with a misplaced topic', url: '/borgerblikket/kle/import', upload: misplaced, expect: page(importers(422)) }] },
    { route: 'POST /api/v1/borgerblikket/kle/import', samples: [{ what: 'a plan with a misplaced topic', url: '/api/v1/borgerblikket/kle/import', upload: misplaced, expect: api(importers(422)) }] },
  ];
}
