/**
 * The simulator's control API: a small HTTP/JSON server (loopback by default) that drives fault
 * injection from outside the process, e.g. `curl -X POST localhost:4003/stall`.
 *
 *   GET  /status                         → { port, stalled, refusing, nextOrderId, connections[] }
 *   POST /drop                           → { dropped }
 *   POST /stall                          → { stalled: true }
 *   POST /resume                         → { stalled: false }
 *   POST /error  {code, message?, reqId?, clientId?} → { sent }
 *   POST /nightly-reset {durationMs}     → { refusingForMs } (answers at once; reopens later)
 *   POST /step {bars?}                   → { stepped, time, done } (replays the next bars, default 1)
 *   POST /advance {time}                 → { stepped, time, done } (replays bars closing ≤ time;
 *                                          ISO-8601 text or epoch microseconds)
 * There is no manual fill: only replayed market data fills orders.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { microsFromIso } from '../../../model/time.js';
import type { IbGatewaySimulator } from './gateway-sim.js';

const errorBody = z.strictObject({
  code: z.number().int(),
  message: z.string().optional(),
  reqId: z.number().int().optional(),
  clientId: z.number().int().optional(),
});
const resetBody = z.strictObject({ durationMs: z.number().int().min(0).max(86_400_000) });
const stepBody = z.strictObject({ bars: z.number().int().min(0).max(10_000_000).optional() });
const advanceBody = z.strictObject({ time: z.union([z.string().min(1), z.number().int().nonnegative()]) });

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return result.data;
}

export class SimulatorControlApi {
  private server: Server | undefined;
  private boundPort = 0;

  constructor(
    private readonly sim: IbGatewaySimulator,
    private readonly host = '127.0.0.1',
    private readonly requestedPort = 0,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  start(): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, this.host, () => {
        server.off('error', reject);
        const address = server.address();
        this.boundPort = typeof address === 'object' && address !== null ? address.port : 0;
        this.server = server;
        resolve(this.boundPort);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private replayState(stepped: number): { stepped: number; time: string | null; done: boolean } {
    const time = this.sim.replay.active ? this.sim.now() : undefined;
    return {
      stepped,
      time: time === undefined ? null : new Date(Math.floor(time / 1000)).toISOString(),
      done: this.sim.replay.done,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(body)}\n`);
    };
    try {
      const route = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://x').pathname}`;
      const body = req.method === 'POST' ? await readBody(req) : {};
      switch (route) {
        case 'GET /status':
          return reply(200, {
            port: this.sim.port,
            stalled: this.sim.stalled,
            refusing: this.sim.refusing,
            nextOrderId: this.sim.nextOrderId,
            accounts: this.sim.accounts,
            connections: this.sim.connectionInfo(),
            replay: this.replayState(0),
          });
        case 'POST /drop':
          return reply(200, { dropped: this.sim.dropAll('control API: drop') });
        case 'POST /stall':
          this.sim.stall();
          return reply(200, { stalled: true });
        case 'POST /resume':
          this.sim.resume();
          return reply(200, { stalled: false });
        case 'POST /error': {
          const { code, ...rest } = parse(errorBody, body);
          return reply(200, { sent: this.sim.sendError(code, rest) });
        }
        case 'POST /nightly-reset': {
          const { durationMs } = parse(resetBody, body);
          void this.sim.nightlyReset(durationMs).catch(() => undefined);
          return reply(200, { refusingForMs: durationMs });
        }
        case 'POST /step': {
          const { bars } = parse(stepBody, body);
          const stepped = await this.sim.replay.step(bars ?? 1);
          return reply(200, this.replayState(stepped.length));
        }
        case 'POST /advance': {
          const { time } = parse(advanceBody, body);
          let micros: number;
          try {
            micros = typeof time === 'number' ? time : microsFromIso(time);
          } catch {
            throw new HttpError(400, `time: '${time}' is not an ISO-8601 time or epoch microseconds`);
          }
          return reply(200, this.replayState(await this.sim.replay.advanceTo(micros)));
        }
        default:
          throw new HttpError(
            404,
            `no route ${route} (see GET /status, POST /drop|/stall|/resume|/error|/nightly-reset|/step|/advance)`,
          );
      }
    } catch (error) {
      if (error instanceof HttpError) return reply(error.status, { error: error.message });
      return reply(500, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
