import type { ConnectionState } from './client';

/**
 * Whether the API answers, as a tiny external store (read with useSyncExternalStore): the urql
 * client and the graphql-ws socket report into it; `nonce` grows when the connection comes back
 * or the user presses retry, and screens refetch on it.
 */
interface Snapshot {
  state: ConnectionState;
  nonce: number;
}

let snapshot: Snapshot = { state: 'online', nonce: 0 };
const listeners = new Set<() => void>();

function emit(next: Snapshot) {
  snapshot = next;
  for (const l of listeners) l();
}

export const connectionStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): Snapshot {
    return snapshot;
  },
  report(state: ConnectionState): void {
    if (snapshot.state === state) return;
    emit({ state, nonce: state === 'online' ? snapshot.nonce + 1 : snapshot.nonce });
  },
  retry(): void {
    emit({ ...snapshot, nonce: snapshot.nonce + 1 });
  },
};
