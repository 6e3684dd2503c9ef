/** The programme whose milestones Borgerblikket's page shows (the deck's timeline, issue #13 point 6). */
export const BORGERBLIKKET_PROGRAMME = 'borgerblikket';
