import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/viewer';
import { CuratorsDoc } from './operations';

export interface Curator {
  id: string;
  name: string;
  squadName: string;
}

/**
 * The curators (MEMBERs of course-service squads) the signed-in user runs: a LEAD those of the
 * squads they lead, a MANAGER those of the legions they command (every legion they can see when
 * they command none), an ADMIN all. A curator needs no list (they see their own students).
 */
export function useCurators() {
  const { me } = useViewer();
  const [result, refetch] = useQuery({ query: CuratorsDoc, pause: me.role === 'MEMBER' });
  const curators = useMemo((): Curator[] => {
    const all = (result.data?.users.nodes ?? []).filter((u) => u.squad?.legion.kind === 'COURSE_SERVICE');
    let mine = all;
    if (me.role === 'MANAGER') {
      const commanded = all.filter((u) => u.squad?.legion.commanderId === me.id);
      mine = commanded.length ? commanded : all;
    } else if (me.role === 'LEAD') {
      mine = all.filter((u) => u.squad?.leadId === me.id || u.squad?.id === me.squad?.id);
    }
    return mine.map((u) => ({ id: u.id, name: u.name, squadName: u.squad?.name ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
  }, [result.data, me]);
  return { curators, loaded: me.role === 'MEMBER' || result.data != null, error: result.error, refetch };
}
