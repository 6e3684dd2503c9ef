/** The backup part's own addresses besides those in ../paths.ts. */
export const MITID_OWN_PATH = '/mitid-erhverv';
export const MITID_LINK_PATH = '/mitid-erhverv/tilknyt';
export const backupXlsxPath = (code: string) => `/kommuner/${code}/reservelogin.xlsx`;
export const adminLinkPath = (code: string, personId: string) => `/kommuner/${code}/reservelogin/personer/${personId}/tilknyt`;
export const adminUnlinkPath = (code: string, personId: string) => `/kommuner/${code}/reservelogin/personer/${personId}/fjern`;
export const BACKUP_OVERVIEW_XLSX_PATH = '/sso/reservelogin.xlsx';
export const BACKUP_API_PATH = '/api/v1/sso/backup-missing';
