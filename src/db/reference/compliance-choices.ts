import type { ComplianceChoiceList } from '../schema.ts';

/**
 * The choice lists of Skema 1 and the supplier data. Keys are stable (packages, files and the API
 * use them); labels and reference texts are kept as given here on every start. A list can grow
 * here without a code change anywhere else. The legal-basis texts are short renderings of the
 * GDPR and the Danish Data Protection Act (databeskyttelsesloven); KOMBIT's information security
 * owns the wording.
 */
export interface ReferenceChoice {
  key: string;
  label: string;
  detail?: string;
  grp?: string;
}

export const complianceChoices: Record<ComplianceChoiceList, readonly ReferenceChoice[]> = {
  'data-subject': [
    { key: 'borgere', label: 'Borgere' },
    { key: 'boern', label: 'Børn og unge' },
    { key: 'foraeldre', label: 'Forældre og værger' },
    { key: 'elever', label: 'Elever' },
    { key: 'ansatte', label: 'Kommunens medarbejdere' },
    { key: 'virksomheder', label: 'Virksomheder og deres kontaktpersoner' },
    { key: 'ansoegere', label: 'Ansøgere' },
    { key: 'paaroerende', label: 'Pårørende' },
    { key: 'ejere', label: 'Ejere af fast ejendom' },
    { key: 'naboer', label: 'Naboer og andre parter i en sag' },
  ],
  'personal-data': [
    { key: 'identifikation', label: 'Identifikationsoplysninger (navn, adresse, kontaktoplysninger)', grp: 'almindelig' },
    { key: 'familie', label: 'Familieforhold', grp: 'almindelig' },
    { key: 'uddannelse', label: 'Uddannelse og skolegang', grp: 'almindelig' },
    { key: 'beskaeftigelse', label: 'Beskæftigelse', grp: 'almindelig' },
    { key: 'oekonomi', label: 'Økonomiske forhold', grp: 'almindelig' },
    { key: 'sociale-forhold', label: 'Væsentlige sociale problemer', grp: 'almindelig' },
    { key: 'ejendom', label: 'Ejendomsoplysninger', grp: 'almindelig' },
    { key: 'billeder', label: 'Billeder og video', grp: 'almindelig' },
    { key: 'log', label: 'Logoplysninger', grp: 'almindelig' },
    { key: 'helbred', label: 'Helbredsoplysninger', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'etnisk', label: 'Race eller etnisk oprindelse', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'religion', label: 'Religiøs eller filosofisk overbevisning', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'politisk', label: 'Politisk overbevisning', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'fagforening', label: 'Fagforeningsmæssigt tilhørsforhold', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'seksuelle', label: 'Seksuelle forhold eller seksuel orientering', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'genetiske', label: 'Genetiske data', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'biometriske', label: 'Biometriske data til entydig identifikation', detail: 'Databeskyttelsesforordningens art. 9', grp: 'foelsom' },
    { key: 'cpr', label: 'CPR-nummer', detail: 'Databeskyttelseslovens § 11', grp: 'cpr' },
    { key: 'strafbare', label: 'Strafbare forhold', detail: 'Databeskyttelsesforordningens art. 10 og databeskyttelseslovens § 8', grp: 'strafbare' },
  ],
  'legal-basis': [
    { key: 'art6-1-a', label: 'Art. 6, stk. 1, litra a', detail: 'Den registrerede har givet samtykke.', grp: 'art6' },
    { key: 'art6-1-b', label: 'Art. 6, stk. 1, litra b', detail: 'Behandlingen er nødvendig for at opfylde en kontrakt med den registrerede.', grp: 'art6' },
    { key: 'art6-1-c', label: 'Art. 6, stk. 1, litra c', detail: 'Behandlingen er nødvendig for at overholde en retlig forpligtelse.', grp: 'art6' },
    { key: 'art6-1-d', label: 'Art. 6, stk. 1, litra d', detail: 'Behandlingen er nødvendig for at beskytte vitale interesser.', grp: 'art6' },
    { key: 'art6-1-e', label: 'Art. 6, stk. 1, litra e', detail: 'Behandlingen er nødvendig af hensyn til en opgave i samfundets interesse eller myndighedsudøvelse.', grp: 'art6' },
    { key: 'art6-1-f', label: 'Art. 6, stk. 1, litra f', detail: 'Behandlingen er nødvendig for en legitim interesse (gælder ikke myndigheders opgaveudførelse).', grp: 'art6' },
    { key: 'art9-2-a', label: 'Art. 9, stk. 2, litra a', detail: 'Udtrykkeligt samtykke.', grp: 'art9' },
    { key: 'art9-2-b', label: 'Art. 9, stk. 2, litra b', detail: 'Nødvendig for at overholde arbejds-, sundheds- og socialretlige forpligtelser.', grp: 'art9' },
    { key: 'art9-2-f', label: 'Art. 9, stk. 2, litra f', detail: 'Nødvendig for at retskrav kan fastlægges, gøres gældende eller forsvares.', grp: 'art9' },
    { key: 'art9-2-g', label: 'Art. 9, stk. 2, litra g', detail: 'Nødvendig af hensyn til vigtige samfundsinteresser.', grp: 'art9' },
    { key: 'art9-2-h', label: 'Art. 9, stk. 2, litra h', detail: 'Nødvendig i forbindelse med forebyggende medicin, sundhed eller social behandling.', grp: 'art9' },
    { key: 'art10', label: 'Art. 10', detail: 'Strafbare forhold behandles under offentlig myndigheds kontrol eller med hjemmel i national ret.', grp: 'art10' },
    { key: 'dbl-5-3', label: 'Databeskyttelseslovens § 5, stk. 3', detail: 'Offentlige myndigheders behandling efter art. 6, stk. 1, litra e.', grp: 'national' },
    { key: 'dbl-7', label: 'Databeskyttelseslovens § 7', detail: 'Følsomme oplysninger, herunder stk. 4 om vigtige samfundsinteresser.', grp: 'national' },
    { key: 'dbl-8', label: 'Databeskyttelseslovens § 8', detail: 'Oplysninger om strafbare forhold hos offentlige myndigheder.', grp: 'national' },
    { key: 'dbl-11', label: 'Databeskyttelseslovens § 11', detail: 'Offentlige myndigheder må behandle CPR-nummer med henblik på entydig identifikation eller som journalnummer.', grp: 'national' },
    { key: 'saerlov', label: 'Særlovgivning', detail: 'Hjemmel i den lov, der regulerer området (angives i teksten).', grp: 'national' },
  ],
  retention: [
    { key: 'sagens-afslutning', label: 'Til sagen er afsluttet' },
    { key: '1-aar', label: '1 år' },
    { key: '3-aar', label: '3 år' },
    { key: '5-aar', label: '5 år' },
    { key: '10-aar', label: '10 år' },
    { key: 'arkivlov', label: 'Efter arkivloven og bevaringsbestemmelser' },
    { key: 'kommunens-regler', label: 'Efter kommunens egne slettefrister' },
  ],
  'transfer-basis': [
    { key: 'eu-eoes', label: 'Inden for EU/EØS', detail: 'Ingen overførsel til tredjeland.' },
    { key: 'adequacy', label: 'Tilstrækkelighedsafgørelse', detail: 'Europa-Kommissionens afgørelse efter art. 45.' },
    { key: 'scc', label: 'Standardkontraktbestemmelser', detail: 'EU-Kommissionens standardkontraktbestemmelser efter art. 46, stk. 2, litra c.' },
    { key: 'dpf', label: 'EU-US Data Privacy Framework', detail: 'Modtageren er certificeret under rammen (tilstrækkelighedsafgørelsen af 10. juli 2023).' },
    { key: 'none', label: 'Intet overførselsgrundlag', detail: 'Overførsel til tredjeland uden grundlag: må ikke finde sted.' },
  ],
  right: [
    { key: 'indsigt', label: 'Ret til indsigt', detail: 'Art. 15' },
    { key: 'berigtigelse', label: 'Ret til berigtigelse', detail: 'Art. 16' },
    { key: 'sletning', label: 'Ret til sletning', detail: 'Art. 17' },
    { key: 'begraensning', label: 'Ret til begrænsning af behandling', detail: 'Art. 18' },
    { key: 'dataportabilitet', label: 'Ret til dataportabilitet', detail: 'Art. 20' },
    { key: 'indsigelse', label: 'Ret til indsigelse', detail: 'Art. 21' },
  ],
};
