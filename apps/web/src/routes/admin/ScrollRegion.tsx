import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone: it scrolls sideways inside a named region that can take
 * the keyboard's focus (arrow keys scroll it), as axe's scrollable-region-focusable asks.
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
