import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_COOKIE } from '../../../protocol/http.js';
import { loginBody, staffSchema } from '../../../protocol/staff.js';
import { requireStaff, signedIn } from '../auth.js';

/** Staff sign-in with an httpOnly, SameSite=Strict cookie (SEC3). */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.PUBLIC_URL?.startsWith('https:') ?? false;
  const staffResponse = z.object({ staff: staffSchema });

  app.post('/auth/login', { schema: { tags: ['auth'], body: loginBody, response: { 200: staffResponse } } }, async (req, reply) => {
    const addressKey = await app.services.addresses.hash(req.ip);
    const login = await app.services.staffAuth.login(req.body.username, req.body.password, addressKey);
    reply.setCookie(STAFF_COOKIE, login.sessionToken, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: login.expiresAt });
    return { staff: login.staff };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'] }, onRequest: requireStaff() }, async (req, reply) => {
    const staff = signedIn(req);
    await app.services.staffAuth.logout(req.cookies[STAFF_COOKIE] ?? '');
    // SEC3: every socket of this staff member, on any node, is disconnected.
    app.io.in(`staff:${staff.id}`).disconnectSockets(true);
    reply.clearCookie(STAFF_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: staffResponse } }, onRequest: requireStaff() }, async (req) => ({
    staff: signedIn(req),
  }));
};
