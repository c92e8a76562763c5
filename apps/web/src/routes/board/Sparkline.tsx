import { sparkGeometry } from './standings';

const W = 84;
const H = 24;

/**
 * The last closed periods of one entity as a small line (oldest left). A gap is a period the
 * entity was not on the board; the newest value has a dot. Screen readers get `label`.
 */
export function Sparkline({ values, label, lowerIsBetter = false }: { values: readonly (number | null)[]; label: string; lowerIsBetter?: boolean }) {
  const g = sparkGeometry(values, W, H, 3, lowerIsBetter);
  return (
    <svg
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid="sparkline"
      data-points={g.points.length}
      style={{ display: 'block' }}
    >
      {g.path ? (
        <>
          <path d={g.path} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
          {g.points.length === 1 && <circle cx={g.points[0]!.x} cy={g.points[0]!.y} r={2} fill="var(--mantine-color-blue-6)" />}
          {g.last && <circle cx={g.last.x} cy={g.last.y} r={2.5} fill="var(--mantine-color-blue-8)" />}
        </>
      ) : (
        <line x1={3} x2={W - 3} y1={H / 2} y2={H / 2} stroke="var(--mantine-color-gray-4)" strokeDasharray="2 3" />
      )}
    </svg>
  );
}
