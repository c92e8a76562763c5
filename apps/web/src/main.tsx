import '@mantine/core/styles.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';

// System fonts only: nothing is loaded from the internet at run time.
// Colours tuned for WCAG AA contrast (axe runs in the browser tests): filled colours one shade
// darker with black or white text picked by luminance, light/outline text at shade 9, and a
// darker "dimmed" grey.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.2,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  defaultRadius: 'md',
});

const COLORS = ['blue', 'green', 'red', 'orange', 'yellow', 'gray', 'indigo', 'teal', 'cyan', 'grape', 'violet', 'pink', 'lime', 'dark'];
const contrast: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': t.colors.red[9] };
  for (const c of COLORS) {
    light[`--mantine-color-${c}-light-color`] = t.colors[c][9];
    light[`--mantine-color-${c}-outline`] = t.colors[c][9];
  }
  return { variables: {}, light, dark: {} };
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={contrast}>
      <App />
    </MantineProvider>
  </StrictMode>,
);
