// The dev stack's demo page: real traffic through the six services. Every service call goes
// through /api/svc/<service>/..., which adds a dev token for the chosen demo user.
const $ = (id) => document.getElementById(id);
let users = [];
let me = null;
let client = null;
const items = new Map();

async function api(service, path, { method = 'GET', body, scopes } = {}) {
  const headers = { 'X-Demo-User': me.id };
  if (scopes) headers['X-Demo-Scopes'] = scopes;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/svc/${service}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { ok: response.ok, status: response.status, json };
}

// Everything the services return is plain text (entities already decoded): it goes into
// the page as text nodes or textContent only, never as HTML.
function text(value) { return document.createTextNode(value ?? ''); }

function renderBadge(count) {
  const badge = $('badge');
  badge.hidden = count <= 0;
  badge.textContent = count > 99 ? '99+' : String(count);
}

function renderList() {
  const list = $('notifications');
  list.replaceChildren();
  [...items.values()]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .forEach((n) => {
      const li = document.createElement('li');
      li.className = n.read ? 'read' : 'unread';
      li.appendChild(text(n.text));
      const time = document.createElement('time');
      time.appendChild(text(new Date(n.updatedAt).toLocaleTimeString()));
      li.appendChild(time);
      li.onclick = () => client.markRead([n.id]);
      list.appendChild(li);
    });
}

async function loadInbox() {
  items.clear();
  const page = await api('store', '/v1/notifications?limit=50');
  if (page.ok) page.json.items.forEach((n) => items.set(n.id, n));
  renderList();
}

async function connect() {
  if (client) client.stop();
  const session = await (await fetch(`/api/session?user=${encodeURIComponent(me.id)}`)).json();
  // Same origin as this page: module scripts are fetched with CORS.
  const { HeraldClient } = await import('/api/svc/push/herald-client.js');
  client = new HeraldClient({
    url: session.push,
    locale: me.locale,
    tokenProvider: async () => (await (await fetch(`/api/session?user=${encodeURIComponent(me.id)}`)).json()).token,
    onNotification: (n) => { items.set(n.id, n); renderList(); },
    onState: (frame) => {
      if (frame.change === 'all_read') items.forEach((n) => { n.read = true; });
      else (frame.ids || []).forEach((id) => {
        const n = items.get(id);
        if (!n) return;
        if (frame.change === 'deleted') items.delete(id);
        else n.read = frame.change === 'read';
      });
      renderList();
    },
    onUnreadCount: renderBadge,
    onStatus: (status) => { $('status').className = `dot ${status}`; $('status').title = status; },
    onResync: loadInbox,
  });
  client.start();
}

function others() { return users.filter((u) => u.id !== me.id); }

function fillSelect(select, options) {
  select.replaceChildren(...options.map(([value, label]) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    return option;
  }));
}

function event(kind, extra = {}) {
  const actor = users.find((u) => u.id === $('actor').value);
  const content = me.contents.find((c) => c.id === $('content').value);
  return {
    eventId: crypto.randomUUID(), kind, occurredAt: new Date().toISOString(), recipientId: me.id,
    actor: { id: actor.id, handle: actor.handle },
    content: kind === 'FOLLOW' ? null : { type: content.type, id: content.id, title: content.title,
      url: `http://localhost:8080/#${content.id}` },
    ...extra,
  };
}

async function publish(events) {
  const result = await api('ingest', '/v1/events:batch', { method: 'POST', body: { events }, scopes: 'events:write' });
  $('simulate-result').textContent = `ingest answered ${result.status}` + (result.ok ? '' : `: ${JSON.stringify(result.json)}`);
}

// The chosen user's players: the MQTT log shows only their messages.
let myPlayers = [];

async function loadPlayers() {
  const result = await api('device', '/v1/devices');
  const list = $('players');
  list.replaceChildren();
  myPlayers = (result.ok ? result.json : []).map((p) => p.playerKey);
  (result.ok ? result.json : []).forEach((p) => {
    const li = document.createElement('li');
    li.appendChild(text(`${p.playerKey} (${p.name || 'player'}, every ${p.minIntervalSeconds}s)`));
    list.appendChild(li);
  });
}

async function refreshMqtt() {
  if (myPlayers.length === 0) {
    $('mqtt').replaceChildren();
    return;
  }
  const query = myPlayers.map((key) => `player=${encodeURIComponent(key)}`).join('&');
  const messages = await (await fetch(`/api/mqtt?${query}`)).json();
  $('mqtt').replaceChildren(...messages.slice(0, 30).map((m) => {
    const li = document.createElement('li');
    li.appendChild(text(`${m.retained ? '[retained] ' : ''}${m.topic}: ${m.payload}`));
    return li;
  }));
}

async function refreshMailbox() {
  const mails = await (await fetch('/api/mailbox')).json();
  $('mailbox').replaceChildren(...mails.map((m) => {
    const li = document.createElement('li');
    li.appendChild(text(`${m.to} · ${m.subject}`));
    li.onclick = () => { $('mail').src = `/api/mailbox/${m.index}`; };
    return li;
  }));
}

const CHANNELS = ['inApp', 'device', 'email', 'webPush'];
let preferences = null;

function checkbox(checked, name) {
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = checked;
  box.name = name;
  return box;
}

function renderPreferences() {
  $('type-switches').replaceChildren(...Object.entries(preferences.types).map(([type, channels]) => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.appendChild(text(type.toLowerCase()));
    row.appendChild(name);
    CHANNELS.forEach((channel) => {
      const cell = document.createElement('td');
      cell.appendChild(checkbox(channels[channel], `${type}.${channel}`));
      row.appendChild(cell);
    });
    return row;
  }));
  $('digest-frequency').value = preferences.digest.frequency;
  $('digest-hour').value = preferences.digest.sendHour;
  $('digest-minimum').value = preferences.digest.minimumUnread;
  $('quiet-start').value = preferences.quietHours ? preferences.quietHours.start : '';
  $('quiet-end').value = preferences.quietHours ? preferences.quietHours.end : '';
  $('time-zone').value = preferences.timeZone;
  // Until a demo user saves preferences, the form starts from their community language.
  $('locale').value = preferences.updatedAt ? preferences.locale : me.locale;
  $('aggregation').checked = preferences.aggregation;
  $('muted-actors').replaceChildren(text('Mute'), ...others().map((u) => {
    const label = document.createElement('label');
    label.append(checkbox(preferences.mutedActors.includes(u.id), `mute.${u.id}`), text(`@${u.handle}`));
    return label;
  }));
}

function formPreferences() {
  const form = $('preferences');
  const types = {};
  Object.keys(preferences.types).forEach((type) => {
    types[type] = Object.fromEntries(CHANNELS.map((c) => [c, form.elements[`${type}.${c}`].checked]));
  });
  const quiet = $('quiet-start').value && $('quiet-end').value
    ? { start: $('quiet-start').value, end: $('quiet-end').value } : null;
  return {
    types,
    digest: { ...preferences.digest, frequency: $('digest-frequency').value,
      sendHour: Number($('digest-hour').value), minimumUnread: Number($('digest-minimum').value) },
    quietHours: quiet,
    timeZone: $('time-zone').value.trim(),
    locale: $('locale').value,
    mutedActors: others().filter((u) => form.elements[`mute.${u.id}`].checked).map((u) => u.id),
    mutedContent: preferences.mutedContent,
    aggregation: $('aggregation').checked,
  };
}

async function loadPreferences() {
  const result = await api('store', '/v1/preferences');
  $('preferences-result').textContent = result.ok ? '' : `store answered ${result.status}`;
  if (result.ok) {
    preferences = result.json;
    renderPreferences();
  }
}

async function savePreferences(submit) {
  submit.preventDefault();
  const result = await api('store', '/v1/preferences', { method: 'PUT', body: formPreferences() });
  if (result.ok) {
    preferences = result.json;
    renderPreferences();
  }
  const problems = result.ok ? [] : (result.json.errors || []).map((e) => `${e.field} ${e.message}`);
  $('preferences-result').textContent = result.ok ? 'saved' : `store answered ${result.status} ${problems.join('; ')}`;
}

// The demo users' addresses, so their digests reach the dev mailbox: what the community's
// own backend would report to ingest when a user signs up.
async function registerContact() {
  await api('ingest', `/v1/users/${encodeURIComponent(me.id)}/contact`, { method: 'PUT', scopes: 'events:write',
    body: { email: `${me.handle}@demo.herald.local`, displayName: me.name, locale: me.locale,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' } });
}

async function choose(userId) {
  me = users.find((u) => u.id === userId);
  $('avatar').firstChild.textContent = me.handle[0].toUpperCase();
  fillSelect($('actor'), others().map((u) => [u.id, `@${u.handle}`]));
  fillSelect($('content'), me.contents.map((c) => [c.id, `${c.type === 'artwork' ? '🖼' : '📝'} ${c.title}`]));
  // not awaited: the live inbox does not wait for the service worker
  showWebPush().catch((error) => { $('webpush-result').textContent = `service worker: ${error.message}`; });
  await Promise.all([loadInbox(), loadPlayers(), loadPreferences(), registerContact()]);
  await connect();
}

// Web Push: the service worker (sw.js), the browser's permission, and the subscription
// registered with web-push for the chosen demo user. Headless browsers and browsers without
// a push service stop after the worker, showing why.
let worker = null;

async function showWebPush(note = '') {
  $('webpush-permission').textContent = ('Notification' in window) ? Notification.permission : 'not supported';
  if (!('serviceWorker' in navigator)) {
    $('webpush-worker').textContent = 'not supported (needs https or localhost)';
    return;
  }
  worker = worker || await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  $('webpush-worker').textContent = `registered (scope ${worker.scope}, ${worker.active ? 'active' : 'installing'})`;
  const local = worker.pushManager ? await worker.pushManager.getSubscription() : null;
  const listed = await api('webpush', '/v1/webpush/subscriptions');
  const mine = listed.ok && local && listed.json.find((s) => s.endpoint === local.endpoint);
  $('webpush-subscription').textContent = mine ? `${mine.id} at ${new URL(mine.endpoint).host}`
    : `none for @${me.handle}${listed.ok ? ` (${listed.json.length} elsewhere)` : ''}`;
  $('webpush-result').textContent = note;
}

async function enableWebPush() {
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return showWebPush(`permission ${permission}`);
    const key = await api('webpush', '/v1/webpush/vapid-public-key');
    const subscription = await worker.pushManager.subscribe({ userVisibleOnly: true,
      applicationServerKey: key.json.publicKey });
    const result = await api('webpush', '/v1/webpush/subscriptions', { method: 'POST', body: subscription.toJSON() });
    const problems = result.ok ? [] : (result.json.errors || []).map((e) => `${e.field} ${e.message}`);
    return showWebPush(result.ok ? 'subscribed' : `web-push answered ${result.status} ${problems.join('; ')}`);
  }
  catch (error) {
    return showWebPush(`the browser could not subscribe: ${error.message}`);
  }
}

async function disableWebPush() {
  const local = await worker.pushManager.getSubscription();
  const listed = await api('webpush', '/v1/webpush/subscriptions');
  const mine = local && listed.ok && listed.json.find((s) => s.endpoint === local.endpoint);
  if (mine) await api('webpush', `/v1/webpush/subscriptions/${mine.id}`, { method: 'DELETE' });
  if (local) await local.unsubscribe();
  return showWebPush('unsubscribed');
}

async function main() {
  users = await (await fetch('/api/users')).json();
  fillSelect($('user'), users.map((u) => [u.id, `${u.name} (@${u.handle})`]));
  $('user').onchange = () => choose($('user').value);
  $('react').onclick = () => publish([event('REACTION_ADDED', { reaction: $('emoji').value })]);
  $('comment').onclick = () => publish([event('COMMENT_ADDED', {
    comment: { id: crypto.randomUUID(), preview: $('comment-text').value } })]);
  $('follow').onclick = () => publish([event('FOLLOW')]);
  $('mention').onclick = () => publish([event('MENTION')]);
  $('burst').onclick = () => publish(others().concat(others()).slice(0, 5).map((u) => {
    $('actor').value = u.id;
    return event('REACTION_ADDED', { reaction: $('emoji').value });
  }));
  $('mark-all').onclick = () => client && client.markAllRead();
  $('add-player').onclick = async () => {
    const key = $('player-key').value.trim();
    if (!key) return;
    await api('device', `/v1/devices/${encodeURIComponent(key)}`, { method: 'PUT',
      body: { name: key, enabled: true, minIntervalSeconds: Number($('player-interval').value) } });
    loadPlayers();
  };
  $('preferences').onsubmit = savePreferences;
  $('webpush-enable').onclick = enableWebPush;
  $('webpush-disable').onclick = disableWebPush;
  await choose(users[0].id);
  setInterval(refreshMqtt, 2000);
  setInterval(refreshMailbox, 3000);
}

main();
