// Colour classes of the map. Discrete classes (not a continuous ramp) so a legend can name each one.
// Palettes are ColorBrewer's RdBu (diverging) and Purples (sequential), readable for colour-blind users.

/** Fill of areas without data: a hatch pattern defined in the map's <defs>. */
export const NO_DATA_FILL = 'url(#geen-gegevens)';

/** Mean sentiment classes, most negative first. */
export const SENTIMENT_CLASSES = [
  { max: -0.3, colour: '#ca0020', label: 'duidelijk negatief (< −0,3)' },
  { max: -0.1, colour: '#f4a582', label: 'negatief (−0,3 tot −0,1)' },
  { max: 0.1, colour: '#f7f7f7', label: 'neutraal (−0,1 tot 0,1)' },
  { max: 0.3, colour: '#92c5de', label: 'positief (0,1 tot 0,3)' },
  { max: Infinity, colour: '#0571b0', label: 'duidelijk positief (> 0,3)' },
];

/** The fill for a mean sentiment in [-1, 1], or the no-data fill for null. */
export function sentimentFill(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return NO_DATA_FILL;
  return SENTIMENT_CLASSES.find((cls) => value < cls.max || cls.max === Infinity).colour;
}

const PURPLES = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'];

/**
 * Five equal classes of post counts: steps of ceil(max / 5), the last class open-ended, so the busiest
 * area always gets the darkest colour. Returns the classes (for the legend) and a function count → fill.
 */
export function volumeScale(max) {
  const step = Math.max(1, Math.ceil(max / PURPLES.length));
  const classes = PURPLES.map((colour, i) => ({
    from: i * step,
    colour,
    label: i === PURPLES.length - 1 ? `${i * step} of meer` : step === 1 ? `${i}` : `${i * step} – ${(i + 1) * step - 1}`,
  }));
  const fill = (count) => {
    if (count === null || count === undefined || Number.isNaN(count)) return NO_DATA_FILL;
    return classes[Math.min(PURPLES.length - 1, Math.floor(count / step))].colour;
  };
  return { classes, fill };
}
