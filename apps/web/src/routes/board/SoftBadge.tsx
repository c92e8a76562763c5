import { Badge, type BadgeProps } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A pale badge of a colour with near-black text: the colour family stays visible while the text
 * keeps WCAG AA contrast whatever the colour (light badges with coloured text fall short for teal
 * and green).
 */
export function SoftBadge({
  color = 'gray',
  children,
  style,
  ...rest
}: Omit<BadgeProps, 'variant'> & { color?: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Badge
      variant="filled"
      {...rest}
      style={{ '--badge-bg': `var(--mantine-color-${color}-1)`, '--badge-color': 'var(--mantine-color-gray-9)', ...(style as object) } as CSSProperties}
    >
      {children}
    </Badge>
  );
}
