import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/nlp/language-detector.js';

describe('detectLanguage', () => {
  it.each([
    ['nl', 'Wat een gezellige avond in de buurt!'],
    ['nl', 'Ik haat obers.'],
    ['nl', 'Pas op: nep-sms van de bank met een link'],
    ['nl', 'Weet iemand waarom de straat is afgesloten?'],
    ['nl', 'Mooie zaak en lekker eten, wij komen zeker terug'],
    ['en', 'Has anyone seen my cat today?'],
    ['en', 'The police are here because of a break-in'],
    ['de', 'Die Polizei ist wegen eines Einbruchs hier'],
    ['de', 'Warum ist die Straße heute gesperrt?'],
    ['fr', "C'était une très belle fête de quartier"],
    ['fr', 'Merci beaucoup pour votre aide hier'],
    ['tr', 'Bugün mahallede çok güzel bir gün geçirdik'],
    ['tr', 'Dikkat edin, bisikletler çalınıyor'],
    ['pl', 'Dzisiaj był bardzo fajny festyn w naszej dzielnicy'],
    ['pl', 'Czy ktoś widział mojego kota?'],
    ['ar', 'هل رأى أحد قطتي؟'],
    ['ar', 'شكرا جزيلا على المساعدة أمس'],
  ])('%s: %s', (lang, text) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it.each([['Top!'], ['👍👍'], ['ok'], [''], ['@politie https://t.co/x']])('returns und for too little text: %j', (text) => {
    expect(detectLanguage(text)).toEqual({ lang: 'und', confidence: 0 });
  });

  it('does not call short Dutch Afrikaans (franc default does)', () => {
    for (const t of ['Die fiets is mooi', 'Het is koud vandaag', 'Wat is er aan de hand']) expect(detectLanguage(t).lang).toBe('nl');
  });

  it('gives a confidence in [0, 1]', () => {
    const g = detectLanguage('Vanavond weer overlast bij het winkelcentrum');
    expect(g.confidence).toBeGreaterThan(0);
    expect(g.confidence).toBeLessThanOrEqual(1);
  });
});
