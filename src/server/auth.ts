/**
 * Who is calling: users with argon2id-hashed passwords (the store's `users` table), login sessions
 * kept in memory (a restart logs everyone out), and the three roles. A browser holds its session in
 * an HttpOnly, SameSite=Strict cookie and proves each mutating request with the session's CSRF
 * token in a header; scripts send the session as a bearer token, or HTTP Basic credentials (what
 * Prometheus' `basic_auth` sends), which browsers never attach on their own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { BourseError } from '../core/errors.js';
import type { Store, UserRole } from '../store/index.js';
import type { Role } from './api-types.js';

export const SESSION_COOKIE = 'bourse_session';
export const CSRF_HEADER = 'x-csrf-token';

const ROLE_RANK: Record<Role, number> = { viewer: 0, trader: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export interface AuthUser {
  readonly username: string;
  readonly role: Role;
}

export interface LoginSession extends AuthUser {
  readonly token: string;
  readonly csrfToken: string;
  expires: number;
}

export interface Caller extends AuthUser {
  /** How the request proved who it is: only `cookie` requests need the CSRF header. */
  readonly via: 'cookie' | 'bearer' | 'basic';
  readonly session?: LoginSession;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Checks a new user's name and password (the server and `bourse user add` share the rules). */
export function checkNewUser(username: string, password: string, role: string): UserRole {
  if (!USERNAME.test(username))
    throw new BourseError(
      'USER_INVALID',
      `username: letters, digits and _ . @ - only (1–64), got '${username}'`,
    );
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new BourseError('USER_INVALID', `password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (role !== 'viewer' && role !== 'trader' && role !== 'admin')
    throw new BourseError('USER_INVALID', `role: viewer, trader or admin, got '${role}'`);
  return role;
}

/** Adds a user with a hashed password; returns its id. */
export async function addUser(
  store: Store,
  username: string,
  password: string,
  role: string,
): Promise<number> {
  const checked = checkNewUser(username, password, role);
  return store.users.add({ username, passwordHash: await hashPassword(password), role: checked });
}

export class Authenticator {
  private readonly sessions = new Map<string, LoginSession>();
  /** Verified against when the user does not exist, so that a wrong name costs what a wrong password does. */
  private readonly decoy: Promise<string>;

  constructor(
    private readonly store: Store,
    private readonly options: { sessionTtlMs: number; now?: () => number },
  ) {
    this.decoy = hash(randomBytes(16).toString('hex'));
  }

  /** How long a login lasts after its last request. */
  get sessionTtlMs(): number {
    return this.options.sessionTtlMs;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The user if the password is theirs, else undefined (which of the two was wrong is not told). */
  async checkPassword(username: string, password: string): Promise<AuthUser | undefined> {
    const user = USERNAME.test(username) ? await this.store.users.byName(username) : undefined;
    const ok = await verify(user?.passwordHash ?? (await this.decoy), password).catch(() => false);
    return user && ok ? { username: user.username, role: user.role } : undefined;
  }

  login(user: AuthUser): LoginSession {
    this.sweep();
    const session: LoginSession = {
      ...user,
      token: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(24).toString('base64url'),
      expires: this.now() + this.options.sessionTtlMs,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  logout(token: string): void {
    this.sessions.delete(token);
  }

  /** The live session of a token, its expiry pushed back (sliding); undefined when unknown or expired. */
  session(token: string | undefined): LoginSession | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.now();
    if (session.expires <= now) {
      this.sessions.delete(token);
      return undefined;
    }
    session.expires = now + this.options.sessionTtlMs;
    return session;
  }

  /** Who sent a request with this cookie and Authorization header, if anyone. */
  async identify(
    cookieToken: string | undefined,
    authorization: string | undefined,
  ): Promise<Caller | undefined> {
    if (authorization) {
      const [scheme, value = ''] = authorization.split(' ', 2);
      if (/^bearer$/i.test(scheme)) {
        const session = this.session(value.trim());
        return session && { username: session.username, role: session.role, via: 'bearer', session };
      }
      if (/^basic$/i.test(scheme)) {
        const text = Buffer.from(value.trim(), 'base64').toString('utf8');
        const colon = text.indexOf(':');
        if (colon < 0) return undefined;
        const user = await this.checkPassword(text.slice(0, colon), text.slice(colon + 1));
        return user && { ...user, via: 'basic' };
      }
      return undefined;
    }
    const session = this.session(cookieToken);
    return session && { username: session.username, role: session.role, via: 'cookie', session };
  }

  /** Ends every session of a user (after a role change or removal). */
  logoutUser(username: string): void {
    for (const [token, session] of this.sessions)
      if (session.username === username) this.sessions.delete(token);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, session] of this.sessions) if (session.expires <= now) this.sessions.delete(token);
  }
}

/** Constant-time comparison of a CSRF header with the session's token. */
export function csrfMatches(header: string | undefined, session: LoginSession): boolean {
  if (!header) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
