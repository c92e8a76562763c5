import { Box, Paper, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { insertVariable, variableQuery } from './content';

export interface Variable {
  name: string;
  description: string;
}

/**
 * A script text with variable autocomplete: typing `{{` (and the start of a name) lists the
 * matching variables under the field; arrows choose, Enter or Tab inserts `{{name}}`, Escape closes.
 */
export function ScriptField({
  label,
  value,
  onChange,
  variables,
  error,
  readOnly,
  testId,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  variables: readonly Variable[];
  error?: string;
  readOnly?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<{ start: number; prefix: string; caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const matches = query ? variables.filter((v) => v.name.toLowerCase().startsWith(query.prefix.toLowerCase())).slice(0, 8) : [];
  const open = !readOnly && matches.length > 0;

  const look = (text: string, caret: number) => {
    const q = variableQuery(text, caret);
    setQuery(q ? { ...q, caret } : null);
    setActive(0);
  };
  // The caret after an inserted variable, put in place as soon as the new text is in the DOM
  // (before the next key is handled: a frame later, a fast typist's next characters landed at the
  // end of the text, where the controlled value had left the caret).
  const pending = useRef<{ text: string; caret: number } | null>(null);
  useLayoutEffect(() => {
    const p = pending.current;
    if (!p || !ref.current || ref.current.value !== p.text) return;
    pending.current = null;
    ref.current.focus();
    ref.current.setSelectionRange(p.caret, p.caret);
  });
  const choose = (name: string) => {
    if (!query) return;
    const next = insertVariable(value, query.start, query.caret, name);
    pending.current = next;
    onChange(next.text);
    setQuery(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      choose(matches[active]!.name);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setQuery(null);
    }
  };

  return (
    <Box pos="relative">
      <Textarea
        ref={ref}
        label={label}
        description={readOnly ? undefined : t('playbooks.editor.variableHint', { open: '{{' })}
        value={value}
        readOnly={readOnly}
        autosize
        minRows={2}
        maxRows={10}
        error={error}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          look(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) look(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        data-testid={testId}
      />
      {open && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          mt={4}
          id={listId}
          role="listbox"
          aria-label={t('playbooks.editor.variables')}
          data-testid="variable-list"
          style={{ zIndex: 5 }}
        >
          {matches.map((v, i) => (
            <UnstyledButton
              key={v.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(v.name)}
              px="xs"
              py={4}
              w="100%"
              style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-blue-1)' : undefined }}
            >
              <Text size="sm" ff="monospace">{`{{${v.name}}}`}</Text>
              <Text size="xs" c="dimmed">
                {t(`playbooks.variables.${v.name.replace('.', '_')}`, { defaultValue: v.description })}
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      )}
    </Box>
  );
}
