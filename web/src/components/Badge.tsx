/** A small colored label for states: order status, trading state, severities, sides. */

export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'neutral';

const toneByWord: Readonly<Record<string, Tone>> = {
  // orders
  filled: 'good',
  accepted: 'info',
  submitted: 'info',
  initialized: 'neutral',
  'partially-filled': 'info',
  triggered: 'info',
  canceled: 'neutral',
  expired: 'neutral',
  rejected: 'bad',
  denied: 'bad',
  // sides
  buy: 'good',
  sell: 'bad',
  long: 'good',
  short: 'bad',
  // sessions, strategies, risk
  running: 'good',
  active: 'good',
  ready: 'info',
  starting: 'info',
  reducing: 'warn',
  halted: 'bad',
  stopped: 'neutral',
  stopping: 'info',
  faulted: 'bad',
  disposed: 'neutral',
  ended: 'neutral',
  failed: 'bad',
  // alerts and logs
  critical: 'bad',
  error: 'bad',
  warning: 'warn',
  warn: 'warn',
  info: 'info',
  debug: 'neutral',
};

export function toneOf(word: string): Tone {
  return toneByWord[word] ?? 'neutral';
}

interface BadgeProps {
  readonly children: string;
  readonly tone?: Tone;
  readonly testId?: string;
  readonly title?: string;
}

export function Badge({ children, tone, testId, title }: BadgeProps) {
  return (
    <span className={`badge tone-${tone ?? toneOf(children)}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}
