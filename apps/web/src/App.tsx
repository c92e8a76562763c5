import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { SessionProvider, useSession } from './auth/session';
import { ViewerProvider } from './auth/viewer';
import { ConnectionBanner } from './ui/ConnectionBanner';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { Layout } from './ui/Layout';
import { Loading, NotFoundPage } from './ui/states';

// One chunk per screen (React.lazy): sign-in does not download Today, Today does not download Board.
const SignIn = lazy(() => import('./routes/signin/SignIn'));
const Home = lazy(() => import('./routes/home/Home'));
const Today = lazy(() => import('./routes/today/Today'));
const Board = lazy(() => import('./routes/board/Board'));
const Experiments = lazy(() => import('./routes/experiments/Experiments'));
const Playbooks = lazy(() => import('./routes/playbooks/Playbooks'));
const Numbers = lazy(() => import('./routes/numbers/Numbers'));
const Students = lazy(() => import('./routes/students/Students'));
const Admin = lazy(() => import('./routes/admin/Admin'));

/** Signed-in routes: without a session, go to sign-in and come back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <ViewerProvider>{children}</ViewerProvider>;
}

export function App() {
  return (
    <ErrorBoundary>
      <BrowserRouter>
        <SessionProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/signin" element={<SignIn />} />
              <Route
                element={
                  <RequireSession>
                    <Layout />
                  </RequireSession>
                }
              >
                <Route index element={<Home />} />
                <Route path="today" element={<Today />} />
                <Route path="board/*" element={<Board />} />
                <Route path="experiments/*" element={<Experiments />} />
                <Route path="playbooks/*" element={<Playbooks />} />
                <Route path="numbers/*" element={<Numbers />} />
                <Route path="students/*" element={<Students />} />
                <Route path="admin/*" element={<Admin />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
          <ConnectionBanner />
        </SessionProvider>
      </BrowserRouter>
    </ErrorBoundary>
  );
}
