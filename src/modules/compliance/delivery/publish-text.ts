/** What the publication mails say about the package. */
export type PublishTextInput = {
  packageId: string;
  /** "Compliancepakke 2025 – Aula" */
  title: string;
  solutionName: string;
  year: number;
  publicUrl: string;
};

/**
 * The mail to a municipality's designated recipients, in Danish, plain text. Every municipality
 * gets the same text, so it speaks of "jeres kommune".
 */
export function recipientText(p: PublishTextInput): { subject: string; body: string } {
  const url = `${p.publicUrl}/compliance/pakker/${p.packageId}`;
  const lines = [
    'Hej',
    '',
    `KOMBIT har offentliggjort ${p.title}: dokumentationen af behandlingen af personoplysninger i ${p.solutionName}, som jeres kommune som dataansvarlig skal bruge i sin egen fortegnelse og risikovurdering.`,
    '',
    `Start med siden "Ændringer siden ${p.year - 1}", der viser, hvad der er nyt eller ændret i forhold til sidste års pakke. Pakken indeholder også Skema 1 (fortegnelse, principper og rettigheder), leverandørerne og risikovurderingen, som I kan svare på for jeres kommune.`,
    '',
    'Læs pakken her:',
    url,
    '',
    'Kvittér for modtagelsen på pakkens forside, når I har modtaget den.',
    '',
    'Adgangen til pakken er personlig: kun kommunens udpegede modtagere kan åbne den, og hver visning og download logges med navn og tidspunkt. Loggen kan ses af jeres kommune og KOMBIT.',
    '',
    'Du får mailen, fordi du er compliancepakke-modtager i jeres kommune i Samspils rollegalleri.',
    '',
    'Med venlig hilsen',
    'KOMBIT',
  ];
  return { subject: `Ny compliancepakke: ${p.title}`, body: lines.join('\n') };
}

/** The mail to the programledere of a municipality without any recipient: register one. */
export function registerRecipientText(p: PublishTextInput & { municipalityCode: string; municipalityName: string }): { subject: string; body: string } {
  const lines = [
    'Hej',
    '',
    `KOMBIT har offentliggjort ${p.title}, men ${p.municipalityName} Kommune har ingen compliancepakke-modtagere registreret, så ingen i kommunen har fået pakken.`,
    '',
    'Registrér en eller to modtagere (rollen Compliancepakke-modtager) i kommunens rollegalleri:',
    `${p.publicUrl}/kommuner/${p.municipalityCode}`,
    '',
    'Modtagerne kan derefter åbne pakken her:',
    `${p.publicUrl}/compliance/pakker/${p.packageId}`,
    '',
    'Adgangen til pakken er personlig og logges. Kommunen kan højst have to modtagere.',
    '',
    'Du får mailen, fordi du er programleder i kommunen i Samspils rollegalleri.',
    '',
    'Med venlig hilsen',
    'KOMBIT',
  ];
  return { subject: `Registrér modtagere af compliancepakker: ${p.title}`, body: lines.join('\n') };
}
