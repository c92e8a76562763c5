import { useEffect } from 'react';
import { useSession } from '../auth/session';

/** Calls `refetch` when the connection comes back or the banner's retry is pressed. */
export function useRefetchOnRetry(refetch: () => void): void {
  const { retryNonce } = useSession();
  useEffect(() => {
    if (retryNonce > 0) refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [retryNonce]);
}
