/** Username and password; the server sets the session cookie. */
import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { Me } from '../api/types';

interface LoginPageProps {
  readonly onLoggedIn: (me: Me) => void;
  /** Why the user is here again (the session ended), if they were signed in. */
  readonly notice?: string;
}

export function LoginPage({ onLoggedIn, notice }: LoginPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { username: name, role, csrfToken } = await api.login(username, password);
      onLoggedIn({ username: name, role, csrfToken });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card form" onSubmit={submit}>
        <h1>Bourse</h1>
        {notice && <p className="note">{notice}</p>}
        <label>
          Username
          <input
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className="message error" data-testid="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
