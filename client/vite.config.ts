import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Each script and stylesheet also as .br and .gz, compressed once at the strongest settings; the
 * server sends whichever the browser accepts (@fastify/static's preCompressed), so a slow phone
 * downloads a fraction of the bytes and the server compresses nothing per request (SPEC P7).
 */
function precompress(): Plugin {
  return {
    name: 'peerline-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle).filter((f) => /\.(js|css)$/.test(f))) {
        const path = join(options.dir!, file);
        const source = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

/** One page per audience; Fastify serves client/dist (src/transport/http/client-pages.ts). */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress()],
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
