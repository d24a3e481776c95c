// Word lists the text resolver uses to judge whether a matched name is really a place. All words are
// folded (lower case, no diacritics). They are deliberately small and hand-written: they decide when
// a name needs context, not what a word means.

/** Articles that may precede a name and are optional when matching ("de Pijp" = "Pijp"). */
export const ARTICLES: ReadonlySet<string> = new Set(['de', 'het', 't']);

/** Words inside names that carry no meaning of their own ("Bos en Lommer", "Laan van Spartaan"). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'de', 'het', 't', 'den', 'der', 'des', 'van', 'en', 'op', 'aan', 'in', 'bij', 'tot', 'te', 'ter', 'ten', 'eo', 'a', 'e', 'o',
]);

/**
 * Generic words that name a part of any town ("Noord", "Centrum", "de Kern", "de Baan"). A name made
 * only of these needs strong context: a city before it ("Amsterdam-Noord"), "stadsdeel Noord", or a
 * capitalised "in Noord" when the post's municipality is known.
 */
export const WEAK_WORDS: ReadonlySet<string> = new Set([
  'noord', 'zuid', 'oost', 'west', 'noordoost', 'noordwest', 'zuidoost', 'zuidwest', 'midden', 'centrum', 'center',
  'noorden', 'zuiden', 'oosten', 'westen', 'binnenstad', 'stadscentrum', 'stad', 'dorp', 'kern', 'baan', 'oud', 'oude', 'nieuw', 'nieuwe',
  'buitengebied', 'industrieterrein', 'industriegebied', 'bedrijventerrein', 'winkelcentrum', 'verspreide', 'huizen',
  'overige', 'plan', 'wijk', 'buurt', 'haven', 'polder',
]);

/** Direction and numbering suffixes stripped to find a name's stem ("Spaarndammerbuurt-Noordwest"). */
export const STEM_SUFFIXES: ReadonlySet<string> = new Set([
  'noord', 'zuid', 'oost', 'west', 'midden', 'noordoost', 'noordwest', 'zuidoost', 'zuidwest', 'centrum',
  'i', 'ii', 'iii', 'iv', 'v', '1', '2', '3', '4', '5', '6', '7', '8', '9',
]);

/**
 * Ordinary Dutch words that also occur as (parts of) area names ("de Pijp", "Plantage", "De Punt",
 * "Gein", "Hoge Dijk"). A name made only of these and weak words matches only when capitalised,
 * so "een pijp roken" and "voor de gein" stay unmatched.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  // nouns of landscape and town
  'pijp', 'wallen', 'gein', 'plantage', 'punt', 'klomp', 'eendracht', 'eenhoorn', 'wereld', 'omval', 'zand', 'hoven', 'heide',
  'broek', 'horst', 'beek', 'loo', 'akkers', 'akker', 'venen', 'veen', 'laar', 'ven', 'hagen', 'maten', 'hoek', 'sluis', 'zoom', 'esch',
  'velden', 'veld', 'singels', 'singel', 'slagen', 'biezen', 'dreven', 'dreef', 'park', 'bos', 'bossen', 'meer', 'meren', 'plein',
  'dam', 'dijk', 'kade', 'gracht', 'markt', 'brink', 'weg', 'laan', 'straat', 'poort', 'brug', 'kerk', 'toren', 'molen', 'wei',
  'weide', 'tuin', 'tuinen', 'hof', 'hoeve', 'burg', 'berg', 'bergen', 'dal', 'eiland', 'eilanden', 'oever', 'wal', 'kant',
  'zijde', 'rijk', 'land', 'water', 'lust', 'rust', 'zicht', 'hemelrijk', 'paradijs', 'vrede', 'hoop', 'geluk', 'bocht',
  'driehoek', 'kwartier', 'terrein', 'gebied', 'station', 'stadion', 'kazerne', 'fabriek', 'werf', 'dok', 'schans', 'vaart',
  'sloot', 'sloten', 'zee', 'strand', 'duin', 'duinen', 'kamp', 'hout', 'wold', 'woud', 'veer', 'haag', 'hage', 'bron',
  'tol', 'vijver', 'gaarde', 'erf', 'kamer', 'school', 'kloosters', 'klooster', 'abdij', 'begraafplaats', 'ziekenhuis', 'markthallen',
  'werk', 'wildeman', 'groengebied', 'woongebied', 'emplacement', 'begijnhof', 'nes', 'spui', 'rak', 'kolk',
  // adjectives and numbers
  'kleine', 'klein', 'grote', 'groot', 'hoge', 'hoog', 'lage', 'laag', 'lange', 'lang', 'korte', 'kort', 'blauwe', 'blauw', 'rode',
  'rood', 'groene', 'groen', 'witte', 'wit', 'zwarte', 'zwart', 'gouden', 'goud', 'zilveren', 'eerste', 'tweede', 'derde',
  'boven', 'beneden', 'binnen', 'buiten', 'achter', 'voor', 'over', 'mooi', 'schoon', 'vrij', 'vrije', 'open',
  'bedrijvenpark', 'bedrijvencentrum', 'bedrijvengebied', 'sportpark', 'landelijk', 'deel',
]);

/** Prepositions that, before a capitalised weak name, make it a place ("in Noord", "uit Zuidoost"). */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  'in', 'uit', 'naar', 'rond', 'rondom', 'richting', 'bij', 'van', 'door', 'via', 'nabij', 'binnen', 'heel', 'hartje',
]);

/** Words that introduce a stadsdeel or district by name ("stadsdeel Noord"). */
export const DISTRICT_WORDS: ReadonlySet<string> = new Set(['stadsdeel', 'stadsdelen', 'stadsdeelkantoor', 'gebied', 'wijk', 'district']);

/** Words before a street name that make it a street ("op de Dam", "aan het Spui"). */
export const STREET_CONTEXT: ReadonlySet<string> = new Set([
  'op', 'aan', 'in', 'bij', 'naar', 'via', 'langs', 'over', 'uit', 'vanaf', 'van', 'de', 'het', 't', 'hoek', 'richting',
]);

/** Words that make a lone 4-digit number a postcode ("postcode 1102"). */
export const POSTCODE_CONTEXT: ReadonlySet<string> = new Set([
  'postcode', 'postcodes', 'postcodegebied', 'postcodegebieden', 'pc', 'pc4', 'pc6',
]);

/**
 * Letter pairs after a number that are not postcode letters: SA, SD and SS are never issued; the rest
 * are units and abbreviations ("1200 KM", "2024 NL").
 */
export const NOT_POSTCODE_LETTERS: ReadonlySet<string> = new Set([
  'SA', 'SD', 'SS', 'KM', 'CM', 'MM', 'KG', 'MG', 'ML', 'CL', 'DL', 'MB', 'GB', 'KB', 'TB', 'NL', 'EU', 'AM', 'PM', 'HP', 'PK',
  'KW', 'MW', 'GW', 'UV', 'TV', 'VS', 'UK', 'BV', 'NV', 'ZZ',
]);

/**
 * Letter pairs that are real postcode letters but also Dutch words, so "1500 EN" in capitals may be
 * a sentence; these count as a postcode only with context (a place after, "postcode" before, or the end).
 */
export const WORDLIKE_POSTCODE_LETTERS: ReadonlySet<string> = new Set([
  'EN', 'OF', 'IN', 'OP', 'TE', 'DE', 'ER', 'NU', 'OK', 'IK', 'JE', 'ZE', 'WE', 'AL', 'ZO', 'DA', 'EM', 'OM', 'AN', 'ME',
]);
