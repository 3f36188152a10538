/**
 * A fresh app store per component test: the module store is put back to the state it had when
 * this file was first imported (the first-start seed), then given the test's plan, units and
 * events. Components keep using the real `useLuoshi` hook, as in the app.
 */
import { useLuoshi } from '@/store/store';
import type { LuoshiState } from '@/store/api';

// The seed speech is parsed in the background on a first start: wait for it.
await useLuoshi.seedReady;
// Write inside each action, as the store tests do: an idle write after a test's last step would
// update the storage meter outside act() (the deferred writes have their own tests).
useLuoshi.persistence.deferWrites(null);
const initial = useLuoshi.getState();

export function resetStore(patch: Partial<LuoshiState> = {}): void {
  useLuoshi.setState({ ...initial, toasts: [], canUndo: false, ...patch }, true);
}

export function store(): LuoshiState {
  return useLuoshi.getState();
}

/**
 * A department's browser that pinned the office's key from a plan package and does not hold its
 * private half: the office's screens are read-only here (selectCanWrite).
 */
export function officeKeyElsewhere(): Pick<LuoshiState, 'signing' | 'trust'> {
  return {
    signing: { enabled: true, ready: true, persistent: true, own: {}, error: null },
    trust: {
      version: 1,
      office: { publicKey: 'A'.repeat(87), keyId: '0123456789abcdef', fingerprint: '0123-4567-89AB-CDEF-0123', pinnedAt: '2025-03-01T00:00:00.000Z', how: 'confirmed', sent: false, retired: [] },
      units: {},
    },
  };
}
