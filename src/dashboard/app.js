// wijkradar dashboard: login, overview (map, alerts, topics, trend) and the drill-down to posts.
// Only aggregate endpoints feed the overview; post text is fetched on an explicit click (and audited).

import { ApiError, api, clearToken, getToken, query, setToken } from './api-client.js';
import { renderAlerts } from './alert-list.js';
import { sentimentFill, volumeScale } from './colour-scales.js';
import { clear, h } from './dom.js';
import { formatChange, formatCount, formatDay, formatSentiment, localDay, shiftDay } from './format.js';
import { renderLegend, renderMap, sentimentLegendClasses } from './map-view.js';
import { renderPost } from './post-list.js';
import { renderTrend } from './trend-chart.js';

const $ = (id) => document.getElementById(id);
const LEVEL_LABELS = { gemeente: 'Gemeente', wijk: 'Wijk', buurt: 'Buurt' };
const SPANS = { '90d': { days: 90, by: 'day' }, '365w': { days: 364, by: 'week' } };
const POSTS_PAGE = 25;

const state = {
  user: null,
  status: null,
  level: 'wijk',
  colourBy: 'sentiment',
  topic: '',
  until: '',
  span: '90d',
  areas: new Map(),
  geo: new Map(),
  alerts: [],
  topics: [],
  selected: null,
  selectedAlert: null,
  map: null,
  posts: { offset: 0, filters: null },
};

const topicLabels = new Map();
const areaNames = new Map();
const areaName = (code) => areaNames.get(code) ?? code;
const topicLabel = (slug) => (slug ? topicLabels.get(slug) ?? slug : 'Alle berichten');

// ---------------------------------------------------------------- session

function showLogin(message = '') {
  $('app').hidden = true;
  $('session').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('token').value = '';
  $('token').focus();
}

async function login(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  setToken(token);
  await start();
}

function logout() {
  clearToken();
  state.user = null;
  showLogin('U bent uitgelogd.');
}

/** Runs an action; a 401 sends the user back to the login box, other errors show in the message bar. */
async function guarded(action) {
  try {
    showMessage('');
    await action();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      clearToken();
      showLogin('Dit token is onbekend of ingetrokken. Vraag een beheerder om een geldig token.');
      return;
    }
    if (error instanceof ApiError && error.status === 403) {
      showMessage('Uw rol geeft geen toegang tot deze gegevens.');
      return;
    }
    showMessage(`Er ging iets mis: ${error.message}`);
  }
}

function showMessage(text) {
  const bar = $('message');
  bar.textContent = text;
  bar.hidden = !text;
}

async function start() {
  await guarded(async () => {
    state.user = await api('/api/me');
    state.status = await api('/api/status');
    for (const { slug, label } of state.status.topics) topicLabels.set(slug, label);
    $('login').hidden = true;
    $('app').hidden = false;
    $('session').hidden = false;
    $('user-name').textContent = state.user.name;
    $('user-role').textContent = { viewer: 'kijker', analyst: 'analist', admin: 'beheerder' }[state.user.role] ?? state.user.role;
    state.until = state.status.newest_day ?? state.status.today;
    $('until').value = state.until;
    state.level = defaultLevel(state.status.levels);
    fillLevelSelect(state.status.levels);
    fillTopicSelect();
    $('posts-section').hidden = !state.user.permissions.posts;
    await loadOverview();
  });
}

/** The level to open with: wijk when it can be drawn, else the level with most outlines, else most areas. */
function defaultLevel(levels) {
  const drawable = levels.filter((l) => l.with_geometry > 0);
  if (drawable.some((l) => l.level === 'wijk')) return 'wijk';
  const pick = (drawable.length ? drawable : levels).sort((a, b) => b.with_geometry - a.with_geometry || b.areas - a.areas)[0];
  return pick?.level ?? 'wijk';
}

function fillLevelSelect(levels) {
  const select = clear($('level'));
  for (const level of ['gemeente', 'wijk', 'buurt']) {
    const info = levels.find((l) => l.level === level);
    if (!info) continue;
    select.append(h('option', { attrs: { value: level }, text: `${LEVEL_LABELS[level]} (${formatCount(info.areas)})` }));
  }
  select.value = state.level;
}

function fillTopicSelect(extra = []) {
  const select = clear($('topic'));
  select.append(h('option', { attrs: { value: '' }, text: 'Alle berichten' }));
  const slugs = [...new Set([...topicLabels.keys(), ...extra])];
  for (const slug of slugs) select.append(h('option', { attrs: { value: slug }, text: topicLabel(slug) }));
  select.value = state.topic;
}

// ---------------------------------------------------------------- overview

async function loadOverview() {
  const from = shiftDay(state.until, -29);
  const [areas, geo, topics, alerts] = await Promise.all([
    api(`/api/areas${query({ level: state.level, until: state.until })}`),
    loadGeo(state.level),
    api(`/api/topics${query({ since: from, until: state.until })}`),
    api(`/api/alerts${query({ since: from, limit: 200 })}`),
  ]);
  state.areas = new Map(areas.items.map((area) => [area.code, area]));
  for (const area of areas.items) areaNames.set(area.code, area.name);
  state.topics = topics.items;
  state.alerts = alerts.items;
  for (const row of state.topics) if (row.topic !== '*' && !topicLabels.has(row.topic)) topicLabels.set(row.topic, row.label);
  fillTopicSelect();
  renderKpis(topics.items, alerts.items, alerts.next_offset !== null);
  renderTopics(topics.items);
  drawMap(geo);
  drawAlerts();
  if (!state.selected || !state.areas.has(state.selected)) state.selected = busiestArea();
  await selectArea(state.selected, { quiet: true });
}

async function loadGeo(level) {
  if (!state.geo.has(level)) state.geo.set(level, await api(`/api/geo/areas${query({ level })}`, { cache: 'no-cache' }));
  return state.geo.get(level);
}

function busiestArea() {
  let best = null;
  for (const area of state.areas.values()) if (!best || area.posts_30d > best.posts_30d) best = area;
  return best?.code ?? null;
}

function renderKpis(topics, alerts, more) {
  const all = topics.find((t) => t.topic === '*') ?? { posts: 0, previous_posts: 0, sentiment: null };
  const rising = topics
    .filter((t) => t.topic !== '*' && t.posts >= 5)
    .sort((a, b) => (b.posts - b.previous_posts) / Math.max(b.previous_posts, 1) - (a.posts - a.previous_posts) / Math.max(a.previous_posts, 1))[0];
  const cards = [
    ['Berichten (30 dagen)', formatCount(all.posts), `${formatChange(all.posts, all.previous_posts)} t.o.v. de 30 dagen ervoor`],
    ['Gemiddeld sentiment', formatSentiment(all.sentiment), 'schaal −1 (negatief) tot +1 (positief)'],
    ['Signalen (30 dagen)', `${formatCount(alerts.length)}${more ? '+' : ''}`, alerts.length ? `nieuwste: ${alerts[0].area_name ?? alerts[0].area}` : 'geen bijzonderheden'],
    ['Sterkste stijger', rising ? rising.label : '–', rising ? `${formatChange(rising.posts, rising.previous_posts)} (${formatCount(rising.posts)} berichten)` : 'te weinig berichten'],
  ];
  clear($('kpis')).append(
    ...cards.map(([label, value, note]) =>
      h('div', { class: 'card kpi' }, h('span', { class: 'kpi-label', text: label }), h('span', { class: 'kpi-value', text: value }), h('span', { class: 'kpi-note', text: note })),
    ),
  );
  $('period-label').textContent = `30 dagen t/m ${formatDay(state.until)}`;
}

function renderTopics(rows) {
  const topics = rows.filter((t) => t.topic !== '*');
  const max = Math.max(1, ...topics.map((t) => t.posts));
  const table = h('table', { class: 'topics' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Onderwerp' }), h('th', { class: 'num', text: 'Berichten' }), h('th', { class: 'num', text: 'Verschil' }))),
    h('tbody', {},
      ...topics.map((t) => {
        const bar = h('span', { class: 'topic-bar' });
        bar.style.width = `${Math.round((t.posts / max) * 100)}%`; // CSSOM, allowed by the CSP (no style attribute)
        const change = formatChange(t.posts, t.previous_posts);
        return h('tr', { class: t.topic === state.topic ? 'selected' : '', dataset: { topic: t.topic }, on: { click: () => chooseTopic(t.topic) } },
          h('td', {}, h('button', { class: 'link', attrs: { type: 'button' }, text: t.label }), h('span', { class: 'topic-track' }, bar)),
          h('td', { class: 'num', text: formatCount(t.posts) }),
          h('td', { class: `num change ${change.startsWith('+') || change === 'nieuw' ? 'up' : change.startsWith('−') ? 'down' : ''}`, text: change }));
      })),
  );
  clear($('topics')).append(topics.length ? table : h('p', { class: 'empty', text: 'Geen berichten over onderwerpen in deze periode.' }));
}

// ---------------------------------------------------------------- map

function mapValue(code) {
  const area = state.areas.get(code);
  if (!area) return null;
  if (state.colourBy === 'sentiment') return area.sentiment_30d;
  return state.topic ? area.topics_30d[state.topic] ?? 0 : area.posts_30d;
}

function drawMap(geo) {
  const features = geo.features.filter((f) => f.properties.level === state.level);
  const container = $('map');
  const byVolume = state.colourBy === 'volume';
  const scale = volumeScale(Math.max(0, ...features.map((f) => mapValue(f.properties.code) ?? 0)));
  const fillOf = (code) => (byVolume ? scale.fill(mapValue(code)) : sentimentFill(mapValue(code)));
  const describe = (code) => {
    const area = state.areas.get(code);
    const name = area?.name ?? code;
    const value = mapValue(code);
    if (byVolume) return `${name}: ${formatCount(value ?? 0)} berichten${state.topic ? ` over ${topicLabel(state.topic).toLowerCase()}` : ''} (30 dagen)`;
    return `${name}: sentiment ${formatSentiment(value)} (30 dagen, ${formatCount(area?.posts_30d ?? 0)} berichten)`;
  };
  $('map-caption').textContent = byVolume
    ? `Aantal berichten${state.topic ? ` over ${topicLabel(state.topic).toLowerCase()}` : ''}, 30 dagen t/m ${formatDay(state.until)}`
    : `Gemiddeld sentiment, 30 dagen t/m ${formatDay(state.until)}`;
  if (features.length === 0) {
    state.map = null;
    drawAreaList(container);
    clear($('map-legend'));
    return;
  }
  state.map = renderMap(container, features, {
    fillOf,
    labelOf: describe,
    selected: state.selected,
    onSelect: (code) => guarded(() => selectArea(code)),
    onHover: (code) => {
      $('map-info').textContent = code ? describe(code) : 'Wijs een gebied aan voor de naam en het cijfer; klik voor het verloop.';
    },
  });
  $('map-info').textContent = 'Wijs een gebied aan voor de naam en het cijfer; klik voor het verloop.';
  if (byVolume) renderLegend($('map-legend'), 'Berichten', scale.classes.map(({ colour, label }) => ({ colour, label })));
  else renderLegend($('map-legend'), 'Sentiment', sentimentLegendClasses());
}

/** Without outlines for this level (areas from a pipeline file only), a sortable list stands in for the map. */
function drawAreaList(container) {
  const areas = [...state.areas.values()].sort((a, b) => b.posts_30d - a.posts_30d || a.name.localeCompare(b.name));
  clear(container).append(
    h('p', { class: 'empty', text: 'Voor dit niveau zijn geen gebiedsgrenzen geladen (importeer ze met wijkradar areas import). Kies een gebied uit de lijst:' }),
    h('div', { class: 'area-list' },
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { text: 'Gebied' }), h('th', { class: 'num', text: 'Berichten (30 d)' }), h('th', { class: 'num', text: 'Sentiment' }))),
        h('tbody', {},
          ...areas.map((area) =>
            h('tr', { class: area.code === state.selected ? 'selected' : '', dataset: { code: area.code }, on: { click: () => guarded(() => selectArea(area.code)) } },
              h('td', {}, h('button', { class: 'link', attrs: { type: 'button' }, text: area.name })),
              h('td', { class: 'num', text: formatCount(area.posts_30d) }),
              h('td', { class: 'num', text: formatSentiment(area.sentiment_30d) })))))),
  );
}

// ---------------------------------------------------------------- trend, alerts, posts

function trendRange() {
  const span = SPANS[state.span];
  return { from: shiftDay(state.until, -(span.days - 1)), until: state.until, by: span.by };
}

async function selectArea(code, { quiet = false } = {}) {
  state.selected = code;
  state.map?.select(code);
  for (const row of document.querySelectorAll('.area-list tr[data-code]')) row.classList.toggle('selected', row.dataset.code === code);
  if (!code) {
    clear($('trend')).append(h('p', { class: 'empty', text: 'Nog geen gebieden met berichten.' }));
    return;
  }
  const { from, until, by } = trendRange();
  const [trend, alerts] = await Promise.all([
    api(`/api/areas/${encodeURIComponent(code)}/trend${query({ topic: state.topic, by, since: from, until })}`),
    api(`/api/alerts${query({ area: code, topic: state.topic, since: from, limit: 500 })}`),
  ]);
  const name = trend.area.name;
  areaNames.set(code, name);
  $('trend-title').textContent = `${topicLabel(state.topic)} in ${name}`;
  $('trend-caption').textContent = `${by === 'week' ? 'Per week' : 'Per dag'}, ${formatDay(from)} t/m ${formatDay(until)} · ▼ = signaal`;
  renderTrend($('trend'), trend.items, alerts.items, { by, onPick: () => undefined });
  if (state.user.permissions.posts) {
    $('posts-title').textContent = `Berichten: ${topicLabel(state.topic).toLowerCase()} in ${name}`;
    $('posts-hint').textContent = `Periode ${formatDay(from)} t/m ${formatDay(until)}. Berichten worden pas geladen als u erom vraagt.`;
    state.posts.filters = { area: code, topic: state.topic, since: from, until };
    if (!quiet) clear($('posts'));
    $('more-posts').hidden = true;
  }
}

function drawAlerts() {
  const canRead = state.user.permissions.posts;
  renderAlerts($('alerts'), state.alerts, {
    selectedId: state.selectedAlert,
    onShow: (alert) => guarded(() => focusAlert(alert)),
    onPosts: canRead ? (alert) => guarded(async () => {
      await focusAlert(alert);
      const day = localDay(alert.window_start);
      state.posts.filters = { area: alert.area, topic: alert.topic === 'negative' ? '' : alert.topic, since: alert.window_start, until: alert.window_end };
      $('posts-hint').textContent = `Berichten uit het signaalvenster (${formatDay(day)}).`;
      await loadPosts(true);
      $('posts-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
    }) : null,
    onFeedback: state.user.permissions.alert_feedback ? (alert, verdict) => guarded(async () => {
      await api(`/api/alerts/${alert.id}/feedback`, { method: 'POST', body: { verdict } });
      alert.feedback = verdict;
      drawAlerts();
    }) : null,
  });
}

async function focusAlert(alert) {
  state.selectedAlert = alert.id;
  if (alert.topic !== 'negative' && alert.topic !== state.topic) {
    state.topic = alert.topic;
    $('topic').value = alert.topic;
    renderTopics(state.topics);
    if (state.colourBy === 'volume') drawMap(state.geo.get(state.level));
  }
  drawAlerts();
  await selectArea(alert.area);
}

async function loadPosts(reset) {
  if (!state.posts.filters) return;
  if (reset) {
    state.posts.offset = 0;
    clear($('posts'));
  }
  const q = $('q').value.trim();
  const page = await api(`/api/posts${query({ ...state.posts.filters, q, limit: POSTS_PAGE, offset: state.posts.offset })}`);
  const list = $('posts');
  if (reset && page.items.length === 0) list.append(h('li', { class: 'empty', text: 'Geen berichten gevonden met deze filters.' }));
  for (const post of page.items) list.append(renderPost(post, topicLabel, areaName));
  state.posts.offset = page.next_offset ?? state.posts.offset;
  $('more-posts').hidden = page.next_offset === null;
}

function chooseTopic(topic) {
  state.topic = topic;
  $('topic').value = topic;
  renderTopics(state.topics);
  if (state.colourBy === 'volume') drawMap(state.geo.get(state.level));
  return guarded(() => selectArea(state.selected));
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('level').addEventListener('change', (e) => {
    state.level = e.target.value;
    state.selected = null;
    guarded(loadOverview);
  });
  $('colour-by').addEventListener('change', (e) => {
    state.colourBy = e.target.value;
    drawMap(state.geo.get(state.level));
  });
  $('topic').addEventListener('change', (e) => chooseTopic(e.target.value));
  $('until').addEventListener('change', (e) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) return;
    state.until = e.target.value;
    guarded(loadOverview);
  });
  $('span').addEventListener('change', (e) => {
    state.span = e.target.value;
    guarded(() => selectArea(state.selected));
  });
  $('posts-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(() => loadPosts(true));
  });
  $('more-posts').addEventListener('click', () => guarded(() => loadPosts(false)));
}

wire();
if (getToken()) start();
else showLogin();
