import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../ui/states';

/** Placeholder: the students screens of the console's part 2 (issue 17) are built here. */
export default function Students() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t('nav.students')}
      </Title>
      <Empty title={t('nav.students')} />
    </Stack>
  );
}
