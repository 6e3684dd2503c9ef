/**
 * Every action the log records, with the Danish label the log shows for it. recordAudit accepts
 * only these keys, so a new action without a label does not compile.
 */
export const AUDIT_ACTION_LABELS = {
  'person.created': 'Person tilføjet',
  'person.updated': 'Person rettet',
  'person.deactivated': 'Person deaktiveret',
  'role.assigned': 'Rolle tildelt',
  'role.removed': 'Rolle fjernet',
  'role.primary_changed': 'Primær ændret',
  'gallery.imported': 'Rollegalleri importeret',
  'municipality.imported': 'Kommunedata importeret',
  'solution.updated': 'Løsning rettet',
  'auth.login': 'Logget ind',
  'auth.logout': 'Logget ud',
  'auth.password_link_issued': 'Link til adgangskode sendt',
  'auth.password_set': 'Adgangskode valgt',
  'token.created': 'API-nøgle oprettet',
  'token.revoked': 'API-nøgle tilbagekaldt',
  'user.digest_mode_changed': 'Notifikationsvalg ændret',
  'calendar.feed_created': 'Kalenderadresse oprettet',
  'calendar.feed_revoked': 'Kalenderadresse slået fra',
  'outbox.retry_uncertain': 'Mail sendt igen efter kontrol',
  'project.created': 'Projekt oprettet',
  'task.created': 'Opgave oprettet',
  'task.updated': 'Opgave rettet',
  'task.announced': 'Opgave annonceret',
  'task.published': 'Opgave offentliggjort',
  'task.closed': 'Opgave lukket',
  'task.deadline_changed': 'Opgavens frist ændret',
  'task.attachment_added': 'Bilag tilføjet opgave',
  'task.local_created': 'Lokal opgave oprettet',
  'task.step_answered': 'Trin besvaret',
  'task.people_assigned': 'Ansvarlig/udfører valgt',
  'task.message_posted': 'Besked i opgavetråd',
  'task.marked_not_relevant': 'Opgave markeret ikke relevant',
  'task.marked_relevant': 'Opgave markeret relevant igen',
  'task.reminder_sent': 'Påmindelse om opgave sendt',
  'agreement.created': 'Aftale oprettet',
  'agreement.version_added': 'Ny aftaleversion tilføjet',
  'agreement.dispatched': 'Aftale sendt til kommunerne',
  'agreement.closed': 'Aftale lukket',
  'agreement.reopened': 'Aftale genåbnet',
  'agreement.dialogue_changed': 'Dialog om aftale ændret',
  'agreement.note_posted': 'Note til aftale skrevet',
  'agreement.reminder_sent': 'Påmindelse om aftale sendt',
  'agreement.signed': 'Aftale underskrevet',
  'agreement.signature_uploaded': 'Underskrevet kopi indsendt',
  'agreement.signature_accepted': 'Underskrevet kopi godkendt',
  'agreement.signature_rejected': 'Underskrevet kopi afvist',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The Danish label, or the raw key for an entry written before its action was renamed. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}
