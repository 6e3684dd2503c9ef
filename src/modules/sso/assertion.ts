/**
 * What the SAML part hands on from a Context Handler assertion it has verified (signature,
 * audience, recipient, validity window, InResponseTo, replay, level of assurance): the values the
 * login needs, read from the OIO-SAML 3 attribute names or, failing those, the OIO-SAML 2 names.
 */
export type ContextHandlerAssertion = {
  /** The NameID (an X509 subject name) and its format. */
  nameId: string;
  nameIdFormat: string | null;
  /** For single logout. */
  sessionIndex: string | null;
  /** https://data.gov.dk/model/core/specVer (OIO-SAML 3: "OIO-SAML-3.0"); null under OIO-SAML 2. */
  specVer: string | null;
  /** The user's organisation: https://data.gov.dk/model/core/eid/professional/cvr or dk:gov:saml:attribute:CvrNumberIdentifier. */
  cvr: string | null;
  /** https://data.gov.dk/concept/core/nsis/loa (already checked against the configured minimum). */
  loa: string | null;
  email: string | null;
  name: string | null;
  /** https://data.gov.dk/model/core/eid/professional/uuid/persistent, when sent: the MitID Erhverv identifier. */
  professionalUuid: string | null;
  /** The OIO-BPP document, base64-decoded but not parsed (privilegesIntermediate or Privileges_intermediate). */
  privilegesXml: string | null;
};
