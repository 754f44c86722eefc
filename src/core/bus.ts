export type Handler<T = unknown> = (message: T) => void;

interface Subscription {
  readonly pattern: string;
  readonly matcher: RegExp | undefined;
  readonly handler: Handler;
  readonly priority: number;
  readonly seq: number;
}

/** `*` matches any run of characters (dots included), `?` exactly one. */
function compilePattern(pattern: string): RegExp | undefined {
  if (!/[*?]/.test(pattern)) return undefined;
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * In-process message bus: topic publish/subscribe with wildcards, point-to-point endpoints and
 * synchronous request/response. Handlers of a topic are resolved once and cached until the
 * subscriptions change, so publishing on the hot path is a map lookup and a loop.
 */
export class MessageBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly resolved = new Map<string, Handler[]>();
  private readonly endpoints = new Map<string, Handler>();
  private readonly responders = new Map<string, (request: unknown) => unknown>();
  private seq = 0;
  /** Messages published since creation (for metrics). */
  publishedCount = 0;

  /**
   * Subscribes to a topic or pattern. Higher priority runs first; equal priorities in subscription
   * order. Returns a function that unsubscribes.
   */
  subscribe<T>(pattern: string, handler: Handler<T>, priority = 0): () => void {
    if (!pattern) throw new RangeError('subscription pattern must not be empty');
    const sub: Subscription = {
      pattern,
      matcher: compilePattern(pattern),
      handler: handler as Handler,
      priority,
      seq: this.seq++,
    };
    this.subscriptions.push(sub);
    this.resolved.clear();
    return () => {
      const index = this.subscriptions.indexOf(sub);
      if (index >= 0) {
        this.subscriptions.splice(index, 1);
        this.resolved.clear();
      }
    };
  }

  publish<T>(topic: string, message: T): void {
    let handlers = this.resolved.get(topic);
    if (handlers === undefined) handlers = this.resolve(topic);
    this.publishedCount++;
    for (let i = 0; i < handlers.length; i++) handlers[i](message);
  }

  /** Whether any subscription matches the topic. */
  hasSubscribers(topic: string): boolean {
    return (this.resolved.get(topic) ?? this.resolve(topic)).length > 0;
  }

  /** Registers the single handler of a point-to-point endpoint. */
  register<T>(endpoint: string, handler: Handler<T>): void {
    if (this.endpoints.has(endpoint)) throw new RangeError(`endpoint '${endpoint}' is already registered`);
    this.endpoints.set(endpoint, handler as Handler);
  }

  deregister(endpoint: string): void {
    this.endpoints.delete(endpoint);
    this.responders.delete(endpoint);
  }

  send<T>(endpoint: string, message: T): void {
    const handler = this.endpoints.get(endpoint);
    if (!handler) throw new RangeError(`no handler registered at endpoint '${endpoint}'`);
    handler(message);
  }

  /** Registers the responder of a request/response endpoint. */
  respond<Req, Res>(endpoint: string, responder: (request: Req) => Res): void {
    if (this.responders.has(endpoint)) throw new RangeError(`responder '${endpoint}' is already registered`);
    this.responders.set(endpoint, responder as (request: unknown) => unknown);
  }

  request<Req, Res>(endpoint: string, request: Req): Res {
    const responder = this.responders.get(endpoint);
    if (!responder) throw new RangeError(`no responder registered at endpoint '${endpoint}'`);
    return responder(request) as Res;
  }

  private resolve(topic: string): Handler[] {
    const matching = this.subscriptions
      .filter((s) => (s.matcher ? s.matcher.test(topic) : s.pattern === topic))
      .sort((a, b) => b.priority - a.priority || a.seq - b.seq)
      .map((s) => s.handler);
    if (this.resolved.size >= 10_000) this.resolved.clear(); // bound memory for one-off topics
    this.resolved.set(topic, matching);
    return matching;
  }
}
