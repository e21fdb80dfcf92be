// The demo's service worker: shows a Web Push message from Herald's web-push service
// (its JSON payload: id, type, title, body, url, unreadCount, critical) and opens its URL
// on click. tag = the notification id, so a grown aggregate or a repeated push replaces
// the notification shown instead of adding one.
self.addEventListener('push', (event) => {
  const message = event.data ? event.data.json() : { title: 'Herald', body: '' };
  event.waitUntil((async () => {
    const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    // A visible tab shows it live already (WebSocket); a push is for a closed or hidden tab.
    if (tabs.some((tab) => tab.visibilityState === 'visible') && !message.critical) return;
    await self.registration.showNotification(message.title, {
      body: message.body, tag: message.id, data: message, requireInteraction: Boolean(message.critical),
    });
    if (self.navigator.setAppBadge) self.navigator.setAppBadge(message.unreadCount);
  })());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (url) event.waitUntil(self.clients.openWindow(url));
});
