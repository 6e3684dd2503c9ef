// What other modules may use from agreements: labels, the status read model and the tables the
// portfolio reads. A module's own files never import this file.
export { MUNICIPAL_STATUS_LABELS, TYPE_LABELS } from './labels.ts';
export { agreement, agreementSolution, agreementStatuses, agreementTarget, agreementTypes, type AgreementStatus, type AgreementType } from './schema.ts';
export { countStatuses, coveredCount, emptyCounts, loadStatuses, municipalStatuses, signedText, type MunicipalStatus, type StatusCounts } from './status.ts';
export { countStatusesSql, municipalityStatusesSql } from './status-sql.ts';
// Other modules that link to an agreement show the link only as the agreements' own read rule allows.
export { agreementVisibleTo } from './policy.ts';
