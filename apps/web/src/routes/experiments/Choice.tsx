import { Group, Radio } from '@mantine/core';

/**
 * One of a few options as radio buttons that wrap on a phone (a segmented control does not, and
 * Russian or Vietnamese labels overflow it at 375 px).
 */
export function Choice<T extends string>({
  label,
  description,
  value,
  onChange,
  options,
  testId,
}: {
  label: string;
  description?: string;
  value: T;
  onChange: (v: T) => void;
  options: { value: T; label: string }[];
  testId?: string;
}) {
  return (
    <Radio.Group label={label} description={description} value={value} onChange={(v) => onChange(v as T)}>
      <Group gap="md" mt={6} data-testid={testId}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
      </Group>
    </Radio.Group>
  );
}
