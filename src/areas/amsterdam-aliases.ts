import type { AreaAlias } from './gazetteer.js';

/**
 * Names Amsterdammers use for parts of the city that are not (exactly) a CBS wijk or buurt name,
 * with the CBS codes in use since 2022 (BU0363AD05 style). Names the gazetteer derives by itself
 * ("IJburg" from IJburg-West/-Oost/-Zuid, "Rembrandtplein" from "Rembrandtplein e.o.") and the
 * gebieden and stadsdelen in Amsterdam's own buurten file are not repeated here.
 * Pass them to buildGazetteer, or store them as aliases on the areas.
 */
export const AMSTERDAM_ALIASES: readonly AreaAlias[] = [
  // De Pijp: the wijken Oude Pijp, Nieuwe Pijp and Zuid Pijp.
  { alias: 'de Pijp', codes: ['WK0363KE', 'WK0363KF', 'WK0363KG'] },
  // The Rivierenbuurt: Scheldebuurt, IJselbuurt and Rijnbuurt.
  { alias: 'Rivierenbuurt', codes: ['WK0363KK', 'WK0363KL', 'WK0363KM'] },
  // Oud-West and De Baarsjes share one gebied ("Oud-West, De Baarsjes") but are two neighbourhoods.
  { alias: 'Oud-West', codes: ['WK0363EP', 'WK0363EQ', 'WK0363ES', 'WK0363ET', 'WK0363EU', 'WK0363EV'] },
  { alias: 'De Baarsjes', codes: ['WK0363EK', 'WK0363EL', 'WK0363EM', 'WK0363EN', 'WK0363ER'] },
  // The red-light district lies in Burgwallen-Oude Zijde.
  { alias: 'de Wallen', codes: ['WK0363AE'] },
  { alias: 'Walletjes', codes: ['WK0363AE'] },
  { alias: 'Rosse Buurt', codes: ['WK0363AE'] },
  { alias: 'Burgwallen', codes: ['WK0363AD', 'WK0363AE'] },
  // The Bijlmermeer: gebieden Bijlmer-Centrum and Bijlmer-Oost (not the Amstel III offices).
  { alias: 'Bijlmer', codes: ['WK0363TB', 'WK0363TC', 'WK0363TD', 'WK0363TE', 'WK0363TF', 'WK0363TG', 'WK0363TH'] },
  { alias: 'Bijlmermeer', codes: ['WK0363TB', 'WK0363TC', 'WK0363TD', 'WK0363TE', 'WK0363TF', 'WK0363TG', 'WK0363TH'] },
  // Weesp joined Amsterdam in 2022; its wijken carry no name in the city's file.
  { alias: 'Weesp', codes: ['WK0363SB', 'WK0363SC', 'WK0363SD', 'WK0363SE'] },
  // Sloterdijk spans Sloterdijk-West (West) and Sloterdijk Nieuw-West (the station area).
  { alias: 'Sloterdijk', codes: ['WK0363EA', 'WK0363FA'] },
  // Landmarks, checked by point-in-polygon against the 2022 buurten.
  { alias: 'Dam', codes: ['BU0363AD05'] },
  { alias: 'Centraal Station', codes: ['BU0363AD01'] },
  { alias: 'Amsterdam Centraal', codes: ['BU0363AD01'] },
  { alias: 'NDSM', codes: ['BU0363NB03'] },
  { alias: 'NDSM-werf', codes: ['BU0363NB03'] },
  { alias: 'KNSM', codes: ['BU0363MA02'] },
  { alias: 'Johan Cruijff ArenA', codes: ['BU0363TA01'] },
];
