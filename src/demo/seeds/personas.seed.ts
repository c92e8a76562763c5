import type { DemoContributor } from '../demo.service.js';
import { Persona } from '../../personas/index.js';

/**
 * The demo's one catalog: the intake survey's personas (which the camp playbook's script variants
 * use) and the onboarding survey's (the course-service onboarding paths).
 */
export const DEMO_PERSONAS: { key: string; name: string; description: string; ru: string }[] = [
  {
    key: 'career_switcher_novice',
    name: 'Career switcher (novice)',
    description: 'Wants a new profession and starts from zero or under a year of experience.',
    ru: 'Смена профессии (с нуля)',
  },
  { key: 'advanced', name: 'Advanced', description: 'Already works with the subject daily; wants depth and practice.', ru: 'Продвинутый' },
  { key: 'upskiller', name: 'Upskiller', description: 'Studies for a promotion or new tasks at the current job.', ru: 'Рост в профессии' },
  { key: 'explorer', name: 'Explorer', description: 'Curious, no fixed goal yet: the default persona.', ru: 'Исследователь' },
  { key: 'novice', name: 'Novice student', description: 'A new student who needs the basics first (onboarding).', ru: 'Новичок' },
];

export function personasDemo(): DemoContributor {
  return {
    name: 'personas',
    seed: async (demo, db) => {
      const m = db.manager; // the demo's one transaction
      await m.insert(
        Persona,
        DEMO_PERSONAS.map((p) => ({
          organizationId: demo.organization.id,
          key: p.key,
          name: p.name,
          description: p.description,
          names: { en: p.name, ru: p.ru },
        })),
      );
    },
  };
}
