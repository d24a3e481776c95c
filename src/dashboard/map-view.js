// The area map: GeoJSON outlines drawn as SVG paths with an equirectangular projection scaled by
// cos(latitude), so a neighbourhood keeps its shape at Dutch latitudes. No tiles, no network.

import { clear, h, s } from './dom.js';
import { NO_DATA_FILL, SENTIMENT_CLASSES } from './colour-scales.js';

const WIDTH = 800;

/** Projects [lon, lat] to SVG x/y for the bounds of the features. */
export function makeProjection(features, width = WIDTH) {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const feature of features) {
    for (const ring of rings(feature.geometry)) {
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const pad = 8;
  const scale = (width - 2 * pad) / spanX;
  const height = Math.min(Math.max(spanY * scale + 2 * pad, 240), 600);
  // When the height is capped, shrink to fit and centre horizontally.
  const fit = Math.min(scale, (height - 2 * pad) / spanY);
  const offsetX = (width - spanX * fit) / 2;
  const offsetY = (height - spanY * fit) / 2;
  return {
    width,
    height,
    project: ([lon, lat]) => [offsetX + (lon - minLon) * kx * fit, offsetY + (maxLat - lat) * fit],
  };
}

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

/** The SVG path data of a (multi)polygon. */
export function pathData(geometry, project) {
  return rings(geometry)
    .map((ring) => ring.map((point, i) => {
      const [x, y] = project(point);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
    }).join('') + 'Z')
    .join('');
}

/**
 * Draws the map into `container`: one path per feature, filled by `fillOf(code)`, titled by `labelOf(code)`.
 * `onSelect(code)` runs on click or Enter; `onHover(code|null)` on pointer moves. Returns `select(code)`.
 */
export function renderMap(container, features, { fillOf, labelOf, onSelect, onHover, selected }) {
  const { width, height, project } = makeProjection(features);
  const svg = s('svg', { class: 'map', attrs: { viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'Kaart van de gebieden' } });
  svg.append(
    s('defs', {},
      s('pattern', { attrs: { id: 'geen-gegevens', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' } },
        s('rect', { attrs: { width: 6, height: 6, fill: '#eef0f3' } }),
        s('line', { attrs: { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#c3c9d2', 'stroke-width': 2 } }))),
  );
  const layer = s('g', { class: 'areas' });
  const paths = new Map();
  for (const feature of features) {
    const code = feature.properties.code;
    const path = s('path', {
      class: 'area',
      attrs: { d: pathData(feature.geometry, project), fill: fillOf(code), 'fill-rule': 'evenodd', tabindex: 0, role: 'button', 'aria-label': labelOf(code) },
      dataset: { code },
      on: {
        click: () => onSelect(code),
        keydown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onSelect(code);
          }
        },
        mouseenter: () => onHover(code),
        focus: () => onHover(code),
        mouseleave: () => onHover(null),
      },
    }, s('title', { text: labelOf(code) }));
    paths.set(code, path);
    layer.append(path);
  }
  svg.append(layer);
  clear(container).append(svg);
  const select = (code) => {
    for (const path of paths.values()) path.classList.remove('selected');
    const path = paths.get(code);
    if (path) {
      path.classList.add('selected');
      layer.append(path); // on top, so its outline is not hidden by neighbours
    }
  };
  if (selected) select(selected);
  return { select };
}

/** A legend: a title and one swatch per class (plus "geen gegevens"). */
export function renderLegend(container, title, classes) {
  clear(container).append(
    h('span', { class: 'legend-title', text: title }),
    ...classes.map((cls) =>
      h('span', { class: 'legend-item' },
        s('svg', { class: 'swatch', attrs: { viewBox: '0 0 14 14', 'aria-hidden': 'true' } },
          cls.colour === NO_DATA_FILL
            ? [
                s('rect', { attrs: { width: 14, height: 14, fill: '#eef0f3', stroke: '#9aa3ae', 'stroke-width': 0.5 } }),
                s('path', { attrs: { d: 'M0 14L14 0M-4 4L4 -4M10 18L18 10', stroke: '#c3c9d2', 'stroke-width': 2 } }),
              ]
            : s('rect', { attrs: { width: 14, height: 14, fill: cls.colour, stroke: '#9aa3ae', 'stroke-width': 0.5 } })),
        cls.label)),
  );
}

/** The sentiment legend's classes, with the no-data entry. */
export function sentimentLegendClasses() {
  return [...SENTIMENT_CLASSES.map(({ colour, label }) => ({ colour, label })), { colour: NO_DATA_FILL, label: 'geen berichten met sentiment' }];
}
