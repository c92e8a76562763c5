import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, rememberLanguage, type Language } from '../i18n';

/**
 * The UI language (en, ru, zh, vi). `onChange` lets a signed-in shell remember it per user; on the
 * sign-in screen it is remembered for this browser.
 */
export function LanguageSwitcher({ onChange }: { onChange?: (lang: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('common.language')}
      size="xs"
      w={{ base: 118, sm: 128 }}
      value={i18n.language}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      data-testid="language-switcher"
      onChange={(e) => {
        const lang = e.currentTarget.value;
        if (!isLanguage(lang)) return;
        if (onChange) onChange(lang);
        else {
          rememberLanguage(lang);
          void i18n.changeLanguage(lang);
        }
      }}
    />
  );
}
