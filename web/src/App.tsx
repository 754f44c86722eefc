/** Signs the user in (or finds the existing session) and shows the dashboard. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from './api/endpoints';
import { onUnauthorized, setCsrfToken } from './api/http';
import type { Me } from './api/types';
import { type Auth, AuthContext } from './auth';
import { Dashboard } from './components/Dashboard';
import { LoginPage } from './components/LoginPage';

type AuthState =
  | { readonly status: 'checking' }
  | { readonly status: 'signed-out'; readonly notice?: string }
  | { readonly status: 'signed-in'; readonly me: Me };

export function App() {
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });

  const signIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setAuth({ status: 'signed-in', me });
  }, []);

  const signOut = useCallback((notice?: string) => {
    setCsrfToken(null);
    setAuth({ status: 'signed-out', notice });
  }, []);

  useEffect(() => {
    api
      .me()
      .then(signIn)
      .catch(() => signOut());
  }, [signIn, signOut]);

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setAuth((current) =>
        current.status === 'signed-in'
          ? { status: 'signed-out', notice: 'Your session has ended. Please sign in again.' }
          : current,
      );
    });
    return () => onUnauthorized(null);
  }, []);

  const me = auth.status === 'signed-in' ? auth.me : null;
  const authValue = useMemo<Auth | null>(
    () =>
      me && {
        me,
        logout: () => {
          api
            .logout()
            .catch(() => undefined)
            .finally(() => signOut());
        },
      },
    [me, signOut],
  );

  if (auth.status === 'checking') return <p className="splash">Loading…</p>;
  if (!authValue)
    return <LoginPage onLoggedIn={signIn} notice={auth.status === 'signed-out' ? auth.notice : undefined} />;
  return (
    <AuthContext value={authValue}>
      <Dashboard />
    </AuthContext>
  );
}
