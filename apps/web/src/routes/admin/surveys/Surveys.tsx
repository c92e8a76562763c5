import { useTranslation } from 'react-i18next';
import { Empty } from '../../../ui/states';

/** Placeholder: built in the console's part 2 (issue 17). */
export default function Surveys() {
  const { t } = useTranslation();
  return <Empty title={t('nav.adminTabs.surveys')} />;
}
