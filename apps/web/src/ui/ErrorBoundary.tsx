import { Component, type ReactNode } from 'react';
import { ErrorPage } from './states';
import i18next from '../i18n';

interface State {
  error: Error | null;
}

/** Catches render errors so a bug shows a page with a way out, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidUpdate(prev: { resetKey?: string }) {
    // Navigating elsewhere clears the error.
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    if (this.state.error) {
      return <ErrorPage code="!" title={i18next.t('errors.crashTitle')} message={i18next.t('errors.crashText')} />;
    }
    return this.props.children;
  }
}
