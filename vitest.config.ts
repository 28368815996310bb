import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { glossPack } from './scripts/vite-plugin-pack';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [glossPack()],
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/storage/**'] },
      },
      {
        // Typed storage (src/storage) over WXT's in-memory extension APIs (@webext-core/fake-browser), still in Node.
        plugins: [WxtVitest(), glossPack()],
        test: { name: 'storage', environment: 'node', include: ['tests/unit/storage/**/*.test.ts'], setupFiles: ['tests/unit/storage/setup.ts'] },
      },
      {
        plugins: [WxtVitest(), preact(), glossPack()],
        resolve: {
          // WXT's browser mock imports 'wxt/testing', whose index also loads the Vitest plugin and
          // esbuild, which refuses to run under jsdom. The fake browser alone is all tests need.
          alias: [{ find: /^wxt\/testing$/, replacement: 'wxt/testing/fake-browser' }],
        },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/dom/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // One browser at a time on a 2-core machine; each file launches its own.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Not part of `npm test` (developers need not have Firefox): `npm run test:firefox`, run by CI.
        test: { name: 'firefox', environment: 'node', include: ['tests/firefox/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 90_000 },
      },
    ],
  },
});
