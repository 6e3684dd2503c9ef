/** Single sign-on's addresses, which the login page, the menu and the parts link through. */
export const SAML_LOGIN_PATH = '/saml/login';
export const SAML_METADATA_PATH = '/saml/metadata';
export const SAML_ACS_PATH = '/saml/acs';
export const SAML_SLO_PATH = '/saml/slo';
export const MITID_LOGIN_PATH = '/mitid-erhverv/login';
export const MITID_CALLBACK_PATH = '/mitid-erhverv/callback';
export const CHOOSER_PATH = '/sso/vaelg-kommune';
export const MAPPINGS_PATH = '/sso/rettigheder';
/** Who has no backup login: across the 98 (central) and one municipality's. */
export const BACKUP_OVERVIEW_PATH = '/sso/reservelogin';
export const backupReportPath = (code: string) => `/kommuner/${code}/reservelogin`;
