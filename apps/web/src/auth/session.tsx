import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { createApiClient, type ConnectionState } from '../api/client';
import { connectionStore } from '../api/connection';

const STORAGE_KEY = 'squadops.session';

export interface StoredSession {
  token: string;
  expiresAt: string;
  userId: string;
}

/** Why the user is on the sign-in screen again. */
export type SignOutReason = 'expired' | 'signedOut' | null;

interface SessionValue {
  session: StoredSession | null;
  signIn(session: StoredSession): void;
  signOut(reason?: SignOutReason): void;
  reason: SignOutReason;
  connection: ConnectionState;
  /** Re-run the screen's queries (the banner's retry button and automatic recovery). */
  retry(): void;
  /** Changes when the connection came back or retry was pressed: screens refetch on it. */
  retryNonce: number;
}

const SessionContext = createContext<SessionValue | null>(null);

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    if (!s.token || !s.expiresAt || new Date(s.expiresAt).getTime() <= Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

/**
 * The session: the access token lives in memory and in sessionStorage (this tab only; gone when
 * the tab closes). A refused token (UNAUTHENTICATED, ws close 4401/4403) or the token's expiry
 * sends the user back to sign-in with a message.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(readStored);
  const [reason, setReason] = useState<SignOutReason>(null);
  const { state: connection, nonce: retryNonce } = useSyncExternalStore(connectionStore.subscribe, connectionStore.get);

  const signOut = useCallback((why: SignOutReason = 'signedOut') => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
    setReason(why);
  }, []);

  const signIn = useCallback((s: StoredSession) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    setReason(null);
    setSession(s);
  }, []);

  const retry = useCallback(() => connectionStore.retry(), []);

  const token = session?.token ?? null;
  const api = useMemo(() => createApiClient(token, { onUnauthenticated: () => signOut('expired'), onConnection: connectionStore.report }), [token, signOut]);
  useEffect(() => () => api.dispose(), [api]);

  // The token's own expiry.
  useEffect(() => {
    if (!session) return;
    const ms = new Date(session.expiresAt).getTime() - Date.now();
    const timer = setTimeout(() => signOut('expired'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  // While the connection is lost, probe /health every 5 s and recover on its own.
  useEffect(() => {
    if (connection !== 'lost') return;
    const timer = setInterval(() => {
      fetch('/health', { cache: 'no-store' })
        .then((r) => {
          if (r.ok) connectionStore.report('online');
        })
        .catch(() => undefined);
    }, 5000);
    return () => clearInterval(timer);
  }, [connection]);

  const value = useMemo<SessionValue>(
    () => ({ session, signIn, signOut, reason, connection, retry, retryNonce }),
    [session, signIn, signOut, reason, connection, retry, retryNonce],
  );
  return (
    <SessionContext.Provider value={value}>
      <UrqlProvider value={api.client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
