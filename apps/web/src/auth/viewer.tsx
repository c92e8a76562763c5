import { Container } from '@mantine/core';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ViewerQuery } from '../gql/graphql';
import { isLanguage, localeOf, rememberLanguage, savedLanguageOf, type Language } from '../i18n';
import { formatDateTime, formatMoney, formatNumber, formatMinutes, formatPercent, formatDayTime, formatTime, localDate } from '../lib/format';
import { Loading, QueryError } from '../ui/states';
import { useSession } from './session';

const ViewerDoc = graphql(`
  query Viewer {
    me {
      id
      name
      email
      role
      squad {
        id
        name
        legion {
          id
          kind
        }
      }
    }
    organization {
      id
      name
      timeZone
      currency
    }
  }
`);

export type Viewer = ViewerQuery['me'];
export type Org = ViewerQuery['organization'];

interface ViewerValue {
  me: Viewer;
  org: Org;
  language: Language;
  setLanguage(lang: Language): void;
}

const ViewerContext = createContext<ViewerValue | null>(null);

/** Loads the signed-in user and their organization once; everything below can use useViewer(). */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { retryNonce } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: ViewerDoc });
  const { i18n } = useTranslation();

  useEffect(() => {
    if (retryNonce > 0) refetch({ requestPolicy: 'network-only' });
  }, [retryNonce, refetch]);

  const me = data?.me;
  // The language this user chose last time, on this browser.
  useEffect(() => {
    if (!me) return;
    const saved = savedLanguageOf(me.id);
    if (saved && saved !== i18n.language) void i18n.changeLanguage(saved);
  }, [me, i18n]);

  const current = i18n.language;
  const value = useMemo<ViewerValue | null>(() => {
    if (!data) return null;
    const language = isLanguage(current) ? current : 'en';
    return {
      me: data.me,
      org: data.organization,
      language,
      setLanguage: (lang) => {
        rememberLanguage(lang, data.me.id);
        void i18n.changeLanguage(lang);
      },
    };
  }, [data, i18n, current]);

  if (!value) {
    return (
      <Container size="sm" py="xl">
        {error ? <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading />}
      </Container>
    );
  }
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerValue {
  const v = useContext(ViewerContext);
  if (!v) throw new Error('useViewer outside ViewerProvider');
  return v;
}

/** Formatting bound to the organization's currency and time zone and the UI language. */
export function useFormat() {
  const { org, language } = useViewer();
  return useMemo(() => {
    const locale = localeOf(language);
    return {
      locale,
      timeZone: org.timeZone,
      /** Today's date (YYYY-MM-DD) in the organization's time zone. */
      localToday: localDate(new Date(), org.timeZone),
      money: (minor: number) => formatMoney(minor, org.currency, locale),
      dateTime: (d: Date | string) => formatDateTime(d, org.timeZone, locale),
      time: (d: Date | string) => formatTime(d, org.timeZone, locale),
      /** Short weekday and time: "Sun 19:00". */
      dayTime: (d: Date | string) => formatDayTime(d, org.timeZone, locale),
      percent: (share: number, digits = 0) => formatPercent(share, locale, digits),
      number: (v: number, digits = 2) => formatNumber(v, locale, digits),
      minutes: (v: number) => formatMinutes(v, locale),
    };
  }, [org, language]);
}
