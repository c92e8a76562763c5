import type { Role } from '../gql/graphql';

/**
 * The screens of each role, in the header. The first one is the role's home (`/` redirects there).
 * Add a screen: a folder under routes/, a lazy route in App.tsx, and an entry here.
 */
export interface NavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
}

export function navItemsFor(role: Role): NavItem[] {
  switch (role) {
    case 'MEMBER':
      return [{ to: '/today', label: 'nav.today' }];
    case 'LEAD':
    case 'MANAGER':
    case 'ADMIN':
      return [{ to: '/board', label: 'nav.board' }];
  }
}

export function homeOf(role: Role): string {
  return navItemsFor(role)[0]?.to ?? '/board';
}
