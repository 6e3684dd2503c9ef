/**
 * The people the in-process test identity providers (tests, and the demo's login page behind
 * DEMO_IDPS) can log in as. Context Handler sends each one's privileges as OIO-BPP; MitID
 * Erhverv knows those with a `mitidSub`. Nothing here is used outside tests and the demo.
 */

/** Samspil's user-system roles as Context Handler would name them (the demo mapping table maps them). */
export const DEMO_PRIVILEGE_BASE = 'http://samspil.kombit.dk/roles/usersystemrole';
export const demoPrivilege = (name: string) => `${DEMO_PRIVILEGE_BASE}/${name}/1`;

export const CVR = { faxe: '29188475', aarhus: '55133018', stevns: '29208654', unknown: '12345678' } as const;

export type DemoIdentity = {
  key: string;
  /** Shown in the identity picker. */
  label: string;
  /** NameID: an X509 subject name, as Context Handler sends it. */
  nameId: string;
  name: string;
  email: string;
  /** The user's own organisation (https://data.gov.dk/model/core/eid/professional/cvr). */
  cvr: string;
  loa: 'Low' | 'Substantial' | 'High';
  /** The MitID Erhverv persistent UUID Context Handler passes on; null when it sends none. */
  professionalUuid: string | null;
  privileges: { cvr: string; privileges: string[] }[];
  /** The MitID Erhverv identity the OIDC test provider logs in as; null: has no MitID Erhverv. */
  mitidSub: string | null;
};

const subject = (name: string, cvr: string, rid: string) => `C=DK,O=Kommune,CN=${name},Serial=CVR:${cvr}-RID:${rid}`;

export const demoIdentities: DemoIdentity[] = [
  {
    key: 'faxe-programleder',
    label: 'Faxe: programleder (har MitID Erhverv)',
    nameId: subject('Programleder Faxe', CVR.faxe, '41001'),
    name: 'Programleder Faxe',
    email: 'programleder-0320@samspil.demo',
    cvr: CVR.faxe,
    loa: 'Substantial',
    professionalUuid: 'a6f0c2b1-4c1e-4f7a-9a55-0320000000a1',
    privileges: [{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }],
    mitidSub: 'a6f0c2b1-4c1e-4f7a-9a55-0320000000a1',
  },
  {
    key: 'faxe-klikadmin',
    label: 'Faxe: KLIK-administrator',
    nameId: subject('KLIK-administrator Faxe', CVR.faxe, '41002'),
    name: 'KLIK-administrator Faxe',
    email: 'klikadmin-0320@samspil.demo',
    cvr: CVR.faxe,
    loa: 'Substantial',
    professionalUuid: 'a6f0c2b1-4c1e-4f7a-9a55-0320000000a2',
    privileges: [{ cvr: CVR.faxe, privileges: [demoPrivilege('klik-administrator')] }],
    mitidSub: 'a6f0c2b1-4c1e-4f7a-9a55-0320000000a2',
  },
  {
    key: 'aarhus-valg',
    label: 'Aarhus: systemejer for Valg (uden MitID Erhverv)',
    nameId: subject('Valgsystemejer Aarhus', CVR.aarhus, '52001'),
    name: 'Valgsystemejer Aarhus',
    email: 'valg-systemejer-0751@samspil.demo',
    cvr: CVR.aarhus,
    loa: 'Substantial',
    professionalUuid: null,
    privileges: [{ cvr: CVR.aarhus, privileges: [demoPrivilege('systemansvarlig-valg')] }],
    mitidSub: null,
  },
  {
    key: 'faxe-stevns',
    label: 'Faxe og Stevns: superbruger for Aula i begge',
    nameId: subject('Fælles superbruger', CVR.faxe, '41003'),
    name: 'Fælles superbruger',
    email: 'aula-faelles@samspil.demo',
    cvr: CVR.faxe,
    loa: 'High',
    professionalUuid: 'a6f0c2b1-4c1e-4f7a-9a55-0320000000a3',
    privileges: [
      { cvr: CVR.faxe, privileges: [demoPrivilege('superbruger-aula')] },
      { cvr: CVR.stevns, privileges: [demoPrivilege('superbruger-aula')] },
    ],
    mitidSub: 'a6f0c2b1-4c1e-4f7a-9a55-0320000000a3',
  },
  {
    key: 'faxe-lav-loa',
    label: 'Faxe: sikringsniveau Lav (afvises)',
    nameId: subject('Lavt niveau Faxe', CVR.faxe, '41004'),
    name: 'Lavt niveau Faxe',
    email: 'lav-0320@samspil.demo',
    cvr: CVR.faxe,
    loa: 'Low',
    professionalUuid: null,
    privileges: [{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }],
    mitidSub: null,
  },
  {
    key: 'ukendt-cvr',
    label: 'Ukendt organisation (CVR 12345678, afvises)',
    nameId: subject('Ukendt bruger', CVR.unknown, '90001'),
    name: 'Ukendt bruger',
    email: 'ukendt@firma.example',
    cvr: CVR.unknown,
    loa: 'Substantial',
    professionalUuid: null,
    privileges: [{ cvr: CVR.unknown, privileges: [demoPrivilege('programleder')] }],
    mitidSub: null,
  },
];

/** MitID Erhverv identities the OIDC test provider knows besides those above: one never linked. */
export const demoMitidOnly = [{ sub: 'b7e1d3c2-0000-4000-8000-00000000f001', name: 'Ukendt MitID Erhverv-bruger' }];
