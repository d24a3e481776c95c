import { describe, expect, it } from 'vitest';
import { buildGazetteer, derivedForms } from '../../src/areas/gazetteer.js';
import { expandToAncestors, resolveAreas } from '../../src/areas/resolve-areas.js';
import type { ResolveInput } from '../../src/areas/resolve-areas.js';
import type { AreaLevel, AreaRecord, PlaceRecord, PostcodeRecord, StreetRecord } from '../../src/areas/area-types.js';

// Two made-up gemeenten. Zeedorp (GM0999): wijk Centrum with buurten Oude Haven, De Kern, Kerkbuurt;
// wijk Noord with Vogelwijk-Noord, Vogelwijk-Zuid and Plantage. Landstad (GM0998): wijk Centrum with
// De Baan and another Oude Haven. Buurten are 0.01° squares so points can be tested.
function area(code: string, name: string, level: AreaLevel, square: [number, number] | null, extra: Partial<AreaRecord> = {}): AreaRecord {
  const parentCode = level === 'buurt' ? `WK${code.slice(2, 8)}` : level === 'wijk' ? `GM${code.slice(2, 6)}` : null;
  const municipality = code.slice(2, 6) === '0999' ? 'Zeedorp' : 'Landstad';
  const geometry = square
    ? { type: 'Polygon' as const, coordinates: [[[square[0], square[1]], [square[0] + 0.01, square[1]], [square[0] + 0.01, square[1] + 0.01], [square[0], square[1] + 0.01], [square[0], square[1]]]] }
    : null;
  const bbox: AreaRecord['bbox'] = square ? [square[0], square[1], square[0] + 0.01, square[1] + 0.01] : null;
  return { code, name, level, parentCode, gemeenteCode: `GM${code.slice(2, 6)}`, municipality, aliases: [], geometry, bbox, ...extra };
}

const AREAS: AreaRecord[] = [
  area('GM0999', 'Zeedorp', 'gemeente', null),
  area('WK099900', 'Centrum', 'wijk', null),
  area('BU09990001', 'Oude Haven', 'buurt', [4.0, 52.0]),
  area('BU09990002', 'De Kern', 'buurt', [4.01, 52.0]),
  area('BU09990003', 'Kerkbuurt', 'buurt', [4.02, 52.0]),
  area('WK099901', 'Noord', 'wijk', null),
  area('BU09990101', 'Vogelwijk-Noord', 'buurt', [4.0, 52.02]),
  area('BU09990102', 'Vogelwijk-Zuid', 'buurt', [4.0, 52.01]),
  area('BU09990103', 'Plantage', 'buurt', [4.01, 52.01], { aliases: ['Het Groene Hart'] }),
  area('GM0998', 'Landstad', 'gemeente', null),
  area('WK099800', 'Centrum', 'wijk', null),
  area('BU09980001', 'De Baan', 'buurt', [5.0, 52.0]),
  area('BU09980002', 'Oude Haven', 'buurt', [5.01, 52.0]),
];
const street = (name: string, gemeenteCode: string, point: [number, number] | null = null): StreetRecord => ({
  name,
  municipality: null,
  gemeenteCode,
  woonplaats: null,
  areaCode: null,
  lat: point ? point[0] : null,
  lon: point ? point[1] : null,
});
const STREETS: StreetRecord[] = [
  street('Kerkstraat', 'GM0999'),
  street('Kerkstraat', 'GM0998'),
  street('Havenweg', 'GM0999', [52.005, 4.005]),
  street('Dam', 'GM0999'),
  street('Overleg', 'GM0999'),
];
const POSTCODES: PostcodeRecord[] = [
  { postcode: '9991', areaCode: 'BU09990001', share: 0.7, name: null },
  { postcode: '9991', areaCode: 'BU09990002', share: 0.3, name: null },
  { postcode: '9992', areaCode: 'BU09990001', share: 0.3, name: null },
  { postcode: '9992', areaCode: 'BU09990002', share: 0.3, name: null },
  { postcode: '9992', areaCode: 'BU09990101', share: 0.4, name: null },
  { postcode: '9993', areaCode: 'GM0998', share: 1, name: 'Landstad' },
  { postcode: '2011', areaCode: 'GM0392', share: 1, name: 'Haarlem' },
];
const PLACES: PlaceRecord[] = [
  { name: 'Strandwijk', code: 'WP9002', gemeenteCode: 'GM0999', municipality: 'Zeedorp' },
  { name: 'Haarlem', code: 'WP2907', gemeenteCode: 'GM0392', municipality: 'Haarlem' },
];

const gazetteer = buildGazetteer({
  areas: AREAS,
  streets: STREETS,
  postcodes: POSTCODES,
  places: PLACES,
  aliases: [{ alias: 'Havenkwartier', codes: ['BU09990001', 'BU09990002'] }],
});

const codes = (input: ResolveInput) => resolveAreas(input, gazetteer).map((result) => result.code);
const zeedorp = (text: string) => codes({ text, municipality: 'Zeedorp' });

describe('resolveAreas — precedence and evidence', () => {
  it('puts declared areas first with confidence 1, then point, postcode, names, streets', () => {
    const results = resolveAreas(
      { text: 'Overlast op de Kerkstraat en in de Plantage, 9992 AB', lat: 52.005, lon: 4.005, municipality: 'Zeedorp', sourceAreas: ['WK099901'] },
      gazetteer,
    );
    expect(results).toEqual([
      { code: 'WK099901', name: 'Noord', level: 'wijk', confidence: 1, evidence: 'source' },
      { code: 'BU09990001', name: 'Oude Haven', level: 'buurt', confidence: 0.95, evidence: 'point 52.005,4.005' },
      { code: 'WK099900', name: 'Centrum', level: 'wijk', confidence: 0.6, evidence: 'postcode 9992 AB' },
      { code: 'BU09990103', name: 'Plantage', level: 'buurt', confidence: 0.9, evidence: 'name de Plantage' },
      { code: 'BU09990003', name: 'Kerkbuurt', level: 'buurt', confidence: 0.6, evidence: 'street de Kerkstraat' },
    ]);
  });

  it('keeps the strongest evidence when a code is found twice', () => {
    const [result] = resolveAreas({ text: 'De Oude Haven', lat: 52.005, lon: 4.005, municipality: 'Zeedorp' }, gazetteer);
    expect(result).toMatchObject({ code: 'BU09990001', evidence: 'point 52.005,4.005' });
  });

  it('formats point evidence with at least two decimals', () => {
    expect(resolveAreas({ lat: 52.0, lon: 4.0001 }, gazetteer)[0]!.evidence).toBe('point 52.00,4.0001');
  });

  it('ignores sourceAreas "auto", missing coordinates and empty text', () => {
    expect(codes({ sourceAreas: 'auto', lat: null, lon: null, text: '' })).toEqual([]);
  });

  it('filters by minConfidence', () => {
    const input = { text: 'Bij de Kerkstraat, postcode 9992', municipality: 'Zeedorp' };
    expect(resolveAreas(input, gazetteer, { minConfidence: 0.65 })).toEqual([]);
    expect(resolveAreas(input, gazetteer)).toHaveLength(2);
  });
});

describe('resolveAreas — postcodes', () => {
  it.each([
    { text: 'Inbraak in 9991 AB.', expected: ['BU09990001'], name: 'PC6 with a space → the buurt holding 70 %' },
    { text: 'Inbraak in 9991AB.', expected: ['BU09990001'], name: 'PC6 without a space' },
    { text: 'Alleen voor postcode 9992.', expected: ['WK099900'], name: 'PC4 after "postcode" → the wijk holding 60 %' },
    { text: 'Postcodes 9991, 9992 en 9993 krijgen post.', expected: ['GM0998', 'BU09990001', 'WK099900'], name: 'a list after "postcodes" (ordered by share)' },
    { text: 'Adres: 9992 Zeedorp.', expected: ['WK099900'], name: 'PC4 before its own city' },
    { text: 'Er kwamen 9992 Zeedorpers.', expected: [], name: 'a number before a word' },
    { text: 'Er waren 9992 mensen.', expected: [], name: 'a count' },
    { text: 'Het was 9992 Landstad.', expected: ['GM0998'], name: 'PC4 before another city: only the city counts' },
    { text: 'De rit was 9991 KM.', expected: [], name: 'a unit' },
    { text: 'Op 9991 SS woont niemand.', expected: [], name: 'letters never issued' },
    { text: 'Het kost 9991 EN daarna meer.', expected: [], name: 'a Dutch word in capitals' },
    { text: 'Het adres is 9991 EN.', expected: ['BU09990001'], name: 'a word-like pair at the end is still a postcode' },
    { text: 'Inbraak in 9991ab.', expected: [], name: 'lower-case glued letters without context' },
    { text: 'postcode 9991ab', expected: ['BU09990001'], name: 'lower-case glued letters after "postcode"' },
    { text: 'Postcode 2011 in Haarlem.', expected: [], name: 'a postcode of a gemeente without areas' },
    { text: 'Zie 1234 AB.', expected: [], name: 'an unknown postcode' },
  ])('$name', ({ text, expected }) => {
    expect(zeedorp(text)).toEqual(expected);
  });
});

describe('resolveAreas — names and aliases', () => {
  it.each([
    { text: 'Brand in de Oude Haven.', expected: ['BU09990001'], name: 'a buurt name with its article' },
    { text: 'wonen in vogelwijk', expected: ['BU09990101', 'BU09990102'], name: 'a distinctive name in lower case without article' },
    { text: 'de oude haven van de stad', expected: [], name: 'a name of generic words in lower case' },
    { text: 'Nieuwe bankjes in de Plantage.', expected: ['BU09990103'], name: 'a common word, capitalised' },
    { text: 'Een plantage in Suriname.', expected: [], name: 'a common word in lower case' },
    { text: 'Plantage en suiker.', expected: [], name: 'a common word at the start of a sentence' },
    { text: 'Bewoners van De Kern protesteren.', expected: ['BU09990002'], name: '"De Kern" capitalised' },
    { text: 'De kern van het probleem.', expected: [], name: '"de kern" as a word' },
    { text: 'Wonen in de Vogelwijk.', expected: ['BU09990101', 'BU09990102'], name: 'a stem of -Noord/-Zuid names' },
    { text: 'Het Havenkwartier groeit.', expected: ['BU09990001', 'BU09990002'], name: 'an alias naming two buurten' },
    { text: 'Wandelen in Het Groene Hart.', expected: ['BU09990103'], name: "an area's own alias" },
    { text: 'Zie https://zeedorp.nl/oude-haven en @OudeHaven', expected: [], name: 'URLs and handles' },
  ])('$name', ({ text, expected }) => {
    expect(zeedorp(text)).toEqual(expected);
  });

  it.each([
    { text: 'Het is druk in het centrum.', expected: [], name: '"het centrum" is a word' },
    { text: 'Het is druk in Centrum.', expected: ['WK099900'], name: '"in Centrum" within the municipality' },
    { text: 'Centrum is druk.', expected: [], name: 'a generic name at the start of a sentence' },
    { text: 'Druk in Zeedorp-Centrum.', expected: ['WK099900'], name: 'city-hyphen-name' },
    { text: 'Druk in Zeedorp Noord.', expected: ['WK099901'], name: 'city space name' },
    { text: 'Druk in Landstad-Centrum.', expected: ['WK099800'], name: 'another city named right before it' },
    { text: 'Het noorden kleurt rood.', expected: [], name: 'a direction' },
    { text: 'Raket uit Noord-Korea.', expected: [], name: 'part of a longer proper name' },
    { text: 'De baan was glad.', expected: [], name: '"de baan" as a word' },
  ])('generic names: $name', ({ text, expected }) => {
    expect(zeedorp(text)).toEqual(expected);
  });

  it('resolves "in Centrum" in the municipality the post belongs to', () => {
    expect(codes({ text: 'Druk in Centrum.', municipality: 'Landstad' })).toEqual(['WK099800']);
    expect(codes({ text: 'Druk in Centrum.', municipality: 'GM0998' })).toEqual(['WK099800']);
    expect(codes({ text: 'Druk in Centrum.', municipality: 'Strandwijk' })).toEqual(['WK099900']); // a woonplaats
    expect(codes({ text: 'Druk in Centrum.' })).toEqual([]);
  });

  it('keeps a name that exists in two gemeenten inside the given one', () => {
    expect(codes({ text: 'Brand in de Oude Haven.', municipality: 'Zeedorp' })).toEqual(['BU09990001']);
    expect(codes({ text: 'Brand in de Oude Haven.', municipality: 'Landstad' })).toEqual(['BU09980002']);
  });

  it('without a municipality: a city in the text decides; a name known in two places resolves to nothing', () => {
    expect(codes({ text: 'Brand in de Oude Haven.' })).toEqual([]);
    expect(codes({ text: 'Brand in de Oude Haven in Landstad.' })).toEqual(['BU09980002']);
    expect(codes({ text: 'In Landstad: brand in de Oude Haven.' })).toEqual(['BU09980002']);
    const [plantage] = resolveAreas({ text: 'Brand in de Plantage.' }, gazetteer);
    expect(plantage).toMatchObject({ code: 'BU09990103', confidence: 0.54 }); // unique name: 0.9 × 0.6
  });

  it('does not guess from names when the given municipality is unknown', () => {
    expect(codes({ text: 'Brand in de Plantage.', municipality: 'Utrecht' })).toEqual([]);
  });

  it('drops a container named right after the area it qualifies', () => {
    expect(zeedorp('Brand in de Oude Haven in Zeedorp.')).toEqual(['BU09990001']);
    expect(zeedorp('De Vogelwijk-Noord, Vogelwijk.')).toEqual(['BU09990101']);
  });
});

describe('resolveAreas — streets and places', () => {
  it.each([
    { text: 'Brand aan de Kerkstraat.', municipality: 'Zeedorp', expected: ['BU09990003'], name: 'a street named after a buurt (Kerkbuurt)' },
    { text: 'Brand aan de Kerkstraat.', municipality: 'Landstad', expected: ['GM0998'], name: 'the same street elsewhere: only the gemeente' },
    { text: 'Brand aan de Kerkstraat.', municipality: null, expected: [], name: 'a street without any municipality' },
    { text: 'Brand aan de Kerkstraat in Landstad.', municipality: 'Zeedorp', expected: ['GM0998'], name: 'a street with its city after it' },
    { text: 'Brand aan de Kerkstraat in Haarlem.', municipality: 'Zeedorp', expected: [], name: 'a street in a city we have no areas for' },
    { text: 'In Haarlem is de Kerkstraat afgesloten.', municipality: 'Zeedorp', expected: [], name: 'a text about another city' },
    { text: 'brand aan de kerkstraat', municipality: 'Zeedorp', expected: [], name: 'a street name in lower case' },
    { text: 'Ongeluk op de Havenweg.', municipality: 'Zeedorp', expected: ['BU09990001'], name: 'a street with a point' },
    { text: 'Druk op de Dam vandaag.', municipality: 'Zeedorp', expected: ['GM0999'], name: 'a one-word street after "op de"' },
    { text: 'Afspraak bij Dam 1.', municipality: 'Zeedorp', expected: ['GM0999'], name: 'a one-word street with a house number' },
    { text: 'Bevers bouwden een Dam.', municipality: 'Zeedorp', expected: [], name: 'a one-word street without context' },
    { text: 'Overleg met de buurt.', municipality: 'Zeedorp', expected: [], name: 'a street that is a word, at the start' },
    { text: 'Vandaag feest in Zeedorp.', municipality: null, expected: ['GM0999'], name: 'a city name alone' },
    { text: 'Vandaag feest in Strandwijk.', municipality: null, expected: ['GM0999'], name: 'a woonplaats alone' },
    { text: 'Vandaag feest in Haarlem.', municipality: 'Zeedorp', expected: [], name: 'a city without areas' },
  ])('$name', ({ text, municipality, expected }) => {
    expect(codes({ text, municipality })).toEqual(expected);
  });

  it('reports a city only when nothing more specific in it was found', () => {
    expect(codes({ text: 'In Zeedorp brand in de Plantage.' })).toEqual(['BU09990103']);
  });
});

describe('expandToAncestors', () => {
  const areasByCode = gazetteer.areasByCode;
  it.each([
    { input: ['BU09990001'], output: ['BU09990001', 'WK099900', 'GM0999'] },
    { input: ['BU09990001', 'BU09990002'], output: ['BU09990001', 'BU09990002', 'WK099900', 'GM0999'] },
    { input: ['WK099800'], output: ['WK099800', 'GM0998'] },
    { input: ['GM0999'], output: ['GM0999'] },
    // Not in the gazetteer: parents follow from the code itself.
    { input: ['BU0363AD05'], output: ['BU0363AD05', 'WK0363AD', 'GM0363'] },
  ])('$input', ({ input, output }) => {
    expect(expandToAncestors(input, areasByCode)).toEqual(output);
  });
});

describe('derivedForms', () => {
  it.each([
    { name: 'Rembrandtplein e.o.', wijk: false, forms: ['Rembrandtplein'] },
    { name: 'Spaarndammerbuurt-Noordwest', wijk: false, forms: ['Spaarndammerbuurt'] },
    { name: 'Buitenveldert-West-Midden', wijk: false, forms: ['Buitenveldert'] },
    { name: 'Gein 1', wijk: false, forms: ['Gein'] },
    { name: 'Weesp-Zuid II', wijk: false, forms: ['Weesp'] },
    { name: 'Amstel III/Bullewijk', wijk: true, forms: ['Amstel III', 'Amstel', 'Bullewijk'] },
    { name: 'Melkweg/Oostzanerwerf', wijk: false, forms: [] },
    { name: 'Centrum-West', wijk: false, forms: [] },
    { name: 'Jordaan', wijk: true, forms: [] },
  ])('$name', ({ name, wijk, forms }) => {
    expect(derivedForms(name, wijk)).toEqual(forms);
  });
});
