/**
 * Registers the service worker (public/sw.js) so the built app keeps working without a network.
 * Skipped in development and tests, and where service workers are unavailable (file://).
 */
export function registerOffline(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.hostname !== '127.0.0.1' && location.hostname !== 'localhost') return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Offline caching is a convenience: the app works online without it.
    });
  });
}
