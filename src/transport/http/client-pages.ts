import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Catalog } from '../../protocol/http.js';
import { CLIENT_DIR } from '../../paths.js';
import { allowStyles, inlineStylesheets, type InlinedPage } from './inline-styles.js';
import { landingMarkup } from './landing-markup.js';

/** Page paths of the web client (issue 5) and their built HTML files. */
export const CLIENT_PAGES = { '/': 'index.html', '/specialist': 'specialist.html', '/moderator': 'moderator.html', '/admin': 'admin.html' } as const;

const CATALOG_META = '<meta name="peerline-catalog" content="">';
const APP_ROOT = '<div id="app"></div>';

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peerline</title></head>
<body><main><h1>Talk to someone</h1><p>The web client is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p></main></body></html>`;

/** A built asset's text by its URL (/assets/…), or null. */
const readAsset = (href: string): string | null => {
  const path = join(CLIENT_DIR, href);
  return href.startsWith('/assets/') && !href.includes('..') && existsSync(path) ? readFileSync(path, 'utf8') : null;
};

/**
 * A built page with the catalog in it. The seeker's landing (SPEC P7) also comes rendered, with its
 * styles inside it, so a slow phone paints its text and crisis lines from this one response.
 */
function page(file: string, catalog: Catalog): InlinedPage {
  const built = join(CLIENT_DIR, file);
  if (!existsSync(built)) return { html: NOT_BUILT, styleSources: [] };
  const html = readFileSync(built, 'utf8').replace(CATALOG_META, `<meta name="peerline-catalog" content="${escapeAttribute(JSON.stringify(catalog))}">`);
  if (file !== CLIENT_PAGES['/']) return { html, styleSources: [] };
  return inlineStylesheets(html.replace(APP_ROOT, `<div id="app">${landingMarkup(catalog)}</div>`), readAsset);
}

/**
 * The web client's pages, from client/dist. The topics and crisis resources go into each page (a
 * meta tag), so the seeker's landing needs no API call before they choose to talk. Hashed assets
 * are cached for a year and sent as the build compressed them; pages are never cached.
 */
export const clientPagesPlugin = fp(
  async (app: FastifyInstance) => {
    for (const [path, file] of Object.entries(CLIENT_PAGES)) {
      const { html, styleSources } = page(file, app.catalog);
      app.get(path, { schema: { hide: true } }, async (_req, reply) => {
        // The page's own inline styles, by hash; scripts stay 'self' only.
        const csp = reply.getHeader('content-security-policy');
        if (typeof csp === 'string') reply.header('content-security-policy', allowStyles(csp, styleSources));
        return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);
      });
    }
    if (existsSync(join(CLIENT_DIR, 'assets'))) {
      await app.register(fastifyStatic, { root: join(CLIENT_DIR, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false, preCompressed: true });
    }
  },
  { name: 'client-pages' },
);
