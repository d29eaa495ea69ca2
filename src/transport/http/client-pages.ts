import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CLIENT_DIR } from '../../paths.js';

/** Page paths of the web client (issue 5) and their built HTML files. */
export const CLIENT_PAGES = { '/': 'index.html', '/specialist': 'specialist.html', '/moderator': 'moderator.html', '/admin': 'admin.html' } as const;

const CATALOG_META = '<meta name="peerline-catalog" content="">';

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peerline</title></head>
<body><main><h1>Talk to someone</h1><p>The web client is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p></main></body></html>`;

/**
 * The web client's pages, from client/dist. The topics and crisis resources go into each page (a
 * meta tag), so the seeker's landing needs no API call before they choose to talk. Hashed assets
 * are cached for a year; pages are never cached.
 */
export const clientPagesPlugin = fp(
  async (app: FastifyInstance) => {
    const catalog = escapeAttribute(JSON.stringify(app.catalog));
    const pages = new Map<string, string>();
    for (const [path, file] of Object.entries(CLIENT_PAGES)) {
      const built = join(CLIENT_DIR, file);
      pages.set(path, existsSync(built) ? readFileSync(built, 'utf8').replace(CATALOG_META, `<meta name="peerline-catalog" content="${catalog}">`) : NOT_BUILT);
    }
    for (const [path, html] of pages) {
      app.get(path, { schema: { hide: true } }, async (_req, reply) =>
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html),
      );
    }
    if (existsSync(join(CLIENT_DIR, 'assets'))) {
      await app.register(fastifyStatic, { root: join(CLIENT_DIR, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
    }
  },
  { name: 'client-pages' },
);
