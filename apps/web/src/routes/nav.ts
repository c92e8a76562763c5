import type { Role, TeamKind } from '../gql/graphql';

/**
 * The screens of each role, in the header. The first one is the role's home (`/` redirects there).
 * Add a screen: a folder under routes/, a lazy route in App.tsx, and an entry here.
 */
export interface NavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
}

const TODAY: NavItem = { to: '/today', label: 'nav.today' };
const BOARD: NavItem = { to: '/board', label: 'nav.board' };
const EXPERIMENTS: NavItem = { to: '/experiments', label: 'nav.experiments' };
const PLAYBOOKS: NavItem = { to: '/playbooks', label: 'nav.playbooks' };
const NUMBERS: NavItem = { to: '/numbers', label: 'nav.numbers' };
const STUDENTS: NavItem = { to: '/students', label: 'nav.students' };
const ADMIN: NavItem = { to: '/admin', label: 'nav.admin' };

/** `teamKind`: the kind of the user's squad (a MEMBER of a course-service squad is a curator). */
export function navItemsFor(role: Role, teamKind?: TeamKind | null): NavItem[] {
  switch (role) {
    case 'MEMBER':
      return teamKind === 'COURSE_SERVICE' ? [STUDENTS] : [TODAY];
    case 'LEAD':
      return [BOARD, EXPERIMENTS, PLAYBOOKS, STUDENTS];
    case 'MANAGER':
      return [BOARD, EXPERIMENTS, PLAYBOOKS, NUMBERS, STUDENTS, ADMIN];
    case 'ADMIN':
      return [BOARD, EXPERIMENTS, PLAYBOOKS, NUMBERS, STUDENTS, ADMIN];
  }
}

export function homeOf(role: Role, teamKind?: TeamKind | null): string {
  return navItemsFor(role, teamKind)[0]?.to ?? '/board';
}
