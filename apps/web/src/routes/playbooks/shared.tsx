import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/viewer';
import { SoftBadge } from '../board/SoftBadge';

const STATUS_COLOR: Record<string, string> = { DRAFT: 'yellow', PUBLISHED: 'green', RETIRED: 'gray' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <SoftBadge color={STATUS_COLOR[status] ?? 'gray'} data-testid="version-status" style={{ maxWidth: 'none', minWidth: 'max-content', flexShrink: 0 }}>
      {t(`playbooks.status.${status}`)}
    </SoftBadge>
  );
}

interface LegionLike {
  id: string;
  commanderId?: string | null;
  squads: { leadId?: string | null }[];
}

/**
 * What the signed-in user may do with a legion's playbooks (docs/api.md): ADMIN and the legion's
 * MANAGER edit drafts, publish and retire; the LEADs of its squads edit drafts only.
 */
export function useLegionAccess() {
  const { me } = useViewer();
  return useCallback(
    (legion: LegionLike | null | undefined) => {
      if (!legion) return { edit: me.role === 'ADMIN', publish: me.role === 'ADMIN' };
      const manager = me.role === 'ADMIN' || (me.role === 'MANAGER' && legion.commanderId === me.id);
      const lead = me.role === 'LEAD' && legion.squads.some((s) => s.leadId === me.id);
      return { edit: manager || lead, publish: manager };
    },
    [me],
  );
}

interface PersonaLike {
  key: string;
  name: string;
  names: { en?: string | null; ru?: string | null; zh?: string | null; vi?: string | null };
}

/** A persona key's name in the UI language (the catalog's), else the key itself. */
export function usePersonaLabel(personas: readonly PersonaLike[] | undefined) {
  const { language } = useViewer();
  const { t } = useTranslation();
  return useCallback(
    (key: string | null | undefined) => {
      if (!key) return t('playbooks.editor.defaultText');
      const p = personas?.find((x) => x.key === key);
      return p?.names[language] || p?.name || key;
    },
    [personas, language, t],
  );
}
