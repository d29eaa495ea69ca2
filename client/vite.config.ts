import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/** One page per audience; Fastify serves client/dist (src/transport/http/client-pages.ts). */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      input: {
        seeker: resolve(root, 'index.html'),
        specialist: resolve(root, 'specialist.html'),
        moderator: resolve(root, 'moderator.html'),
        admin: resolve(root, 'admin.html'),
      },
    },
  },
});
