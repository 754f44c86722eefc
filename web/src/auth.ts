/** The signed-in user, for role checks and the logout button. */
import { createContext, useContext } from 'react';
import type { Me, Role } from './api/types';

export interface Auth {
  readonly me: Me;
  logout(): void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthContext provider');
  return auth;
}

/** Traders and admins place and cancel orders, run strategies and backtests, and pull the kill switch. */
export function canTrade(role: Role): boolean {
  return role === 'trader' || role === 'admin';
}

export function useCanTrade(): boolean {
  return canTrade(useAuth().me.role);
}
