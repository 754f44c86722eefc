/**
 * The WebSocket route of the stream (`GET /api/ws`). `app` must already have `@fastify/websocket`
 * registered (`await app.register(fastifyWebsocket)`, before this route is added), or the route is a
 * plain GET that never upgrades.
 *
 * Authentication happens before the upgrade, in the route's preValidation hook: `authenticate`
 * gets the upgrade request (session cookie, `Authorization: Bearer …`, or `?token=` for scripts:
 * its choice) and, when it resolves `undefined`, the request is answered `401` with the API's
 * error body and the socket is destroyed, so no WebSocket is ever opened. A `ws` client sees an
 * `unexpected-response` (status 401); a browser sees only a failed connection (close 1006, the
 * status is hidden from scripts), so the dashboard should ask `GET /api/me` when its stream fails
 * to open. If `authenticate` throws, Fastify's error handler answers (500). A plain GET (no
 * upgrade) is answered 426.
 *
 * `authenticate` should check the `Origin` header for cookie sessions (cross-site WebSocket
 * hijacking), unless the session cookie is `SameSite` (browsers then do not send it cross-site).
 */
import type {} from '@fastify/websocket'; // its route options (wsHandler) and types
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from './api-types.js';
import type { StreamHub, StreamUser } from './stream-hub.js';

export function registerStreamRoute(
  app: FastifyInstance,
  hub: StreamHub,
  authenticate: (request: FastifyRequest) => Promise<StreamUser | undefined>,
  path = '/api/ws',
): void {
  const users = new WeakMap<FastifyRequest, StreamUser>();
  app.route({
    method: 'GET',
    url: path,
    preValidation: async (request: FastifyRequest, reply: FastifyReply) => {
      const user = await authenticate(request);
      if (user === undefined) {
        const body: ApiError = { error: { code: 'UNAUTHENTICATED', message: 'not logged in' } };
        return reply.code(401).send(body);
      }
      users.set(request, user);
    },
    handler: async (_request, reply) => {
      const body: ApiError = { error: { code: 'UPGRADE_REQUIRED', message: `${path} is a WebSocket` } };
      return reply.code(426).header('upgrade', 'websocket').send(body);
    },
    wsHandler: (socket, request) => {
      const user = users.get(request);
      if (user === undefined) {
        socket.close(4401, 'not logged in');
        return;
      }
      hub.attach(socket, user);
    },
  });
}
