import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { OTHER, OWN, api, page, signedIn } from './route-expectations.ts';

/**
 * The secure-file inventory's import (src/modules/aula/inventory/import-files.ts): central
 * administrators and consultants import for any municipality, a municipality's Aula keepers (its
 * programleder, its systemansvarlig for Aula) for their own; everyone else 403.
 */
const importers = (central: Expect, ownKeeper: Expect): SignedIn => ({ ...signedIn(403), consultant: central, admin: central, programLeader: ownKeeper });

const HEADER = 'kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;udloesende_dato;journaliseret;esdh_reference';
const inventory = (code: string): Upload => ({
  field: 'fil',
  filename: 'filer.csv',
  contentType: 'text/csv',
  content: `${HEADER}\r\n${code};RT-1;1;Rutetabellens børnehus;Referater;2025-01-01;;nej;\r\n`,
});
const imported = { status: 303, location: '/aula/filer/import?besked=indlaest' };

/** The Aula module's inventory routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaInventoryRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /aula/filer/import', samples: [{ what: 'the import page', url: '/aula/filer/import', expect: page(importers(200, 200)) }] },
    {
      route: 'POST /aula/filer/import',
      samples: [
        { what: 'own municipality', url: '/aula/filer/import', upload: inventory(OWN), expect: page(importers(imported, imported)) },
        { what: 'another municipality', url: '/aula/filer/import', upload: inventory(OTHER), expect: page(importers(imported, 422)) },
      ],
    },
    {
      route: 'POST /api/v1/aula/files/import',
      samples: [
        { what: 'own municipality', url: '/api/v1/aula/files/import', upload: inventory(OWN), expect: api(importers(200, 200)) },
        { what: 'another municipality', url: '/api/v1/aula/files/import', upload: inventory(OTHER), expect: api(importers(200, 422)) },
      ],
    },
  ];
}
