import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/viewer';
import { MySquadsDoc } from './operations';

/**
 * The squads the signed-in user runs: a LEAD the squads they lead (else their own), a MANAGER
 * those of the legions they command, an ADMIN every squad.
 */
export function useManagedSquads() {
  const { me } = useViewer();
  const [result, refetch] = useQuery({ query: MySquadsDoc });
  const squads = useMemo(() => {
    const all = result.data?.squads ?? [];
    if (me.role === 'ADMIN') return all;
    if (me.role === 'MANAGER') return all.filter((s) => s.legion.commanderId === me.id);
    const led = all.filter((s) => s.leadId === me.id);
    return led.length ? led : all.filter((s) => s.id === me.squad?.id);
  }, [result.data, me]);
  return { squads, loaded: result.data != null, error: result.error, refetch };
}
