import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../ui/states';

/** Placeholder: the experiments screens of the console's part 2 (issue 17) are built here. */
export default function Experiments() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t('nav.experiments')}
      </Title>
      <Empty title={t('nav.experiments')} />
    </Stack>
  );
}
