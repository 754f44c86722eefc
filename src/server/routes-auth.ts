/** Login, logout and who-am-I: the routes that open and close an API session. */
import { z } from 'zod';
import type { LoginResponse, Me } from './api-types.js';
import { type Authenticator, SESSION_COOKIE } from './auth.js';
import { ApiFailure, type RouteSpec, route } from './route-table.js';

export function authRoutes(auth: Authenticator, secure: boolean): RouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/api/login',
      role: 'public',
      tag: 'auth',
      summary: 'Log in: sets the session cookie and returns the CSRF token (and a bearer token for scripts)',
      action: 'login',
      body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
      target: ({ body }) => body.username,
      handler: async ({ body, reply }): Promise<LoginResponse> => {
        const user = await auth.checkPassword(body.username, body.password);
        if (!user) throw new ApiFailure(401, 'LOGIN_FAILED', 'wrong username or password');
        const session = auth.login(user);
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure,
          path: '/',
          maxAge: Math.floor(auth.sessionTtlMs / 1000),
        });
        return {
          username: user.username,
          role: user.role,
          csrfToken: session.csrfToken,
          token: session.token,
          expires: session.expires * 1000,
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/logout',
      role: 'viewer',
      tag: 'auth',
      summary: 'Log out (ends the session)',
      action: 'logout',
      handler: ({ caller, reply }) => {
        if (caller.session) auth.logout(caller.session.token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { loggedOut: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/me',
      role: 'viewer',
      tag: 'auth',
      summary: 'Who is logged in, and the CSRF token to send with mutating requests',
      handler: ({ caller }): Me => ({
        username: caller.username,
        role: caller.role,
        csrfToken: caller.session?.csrfToken ?? '',
      }),
    }),
  ];
}
