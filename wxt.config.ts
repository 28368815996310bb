import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { glossPack } from './scripts/vite-plugin-pack';
import { startDemoServer, DEMO_URL } from './scripts/demo-server';
import { PAGE_MATCHES } from './src/content/page-matches';

/**
 * Whether a browser window can open here. Without a display (a container, a server) WXT's runner
 * would crash the dev server with a bare ECONNRESET when Chromium fails to start: say what to do instead.
 */
const HAS_DISPLAY = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const NO_DISPLAY_HINT =
  'Gloss: no display here, so no browser is opened. Run `xvfb-run npm run dev` (Debian: apt-get install xvfb), ' +
  'or load .output/chrome-mv3-dev as an unpacked extension in a browser on this machine; the dev server keeps rebuilding it.';

const EXTENSION_PAGES_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  vite: () => ({
    plugins: [preact(), glossPack()],
    build: { target: 'es2022' },
    // Non-ASCII characters escaped: V8 keeps a script's source in memory, and one character outside
    // Latin-1 (a curly quote in the pack) makes it store the whole content script at two bytes a
    // character, in every frame of every page.
    esbuild: { charset: 'ascii' },
    // The dev server pre-bundles what the extension's own pages import; left to itself it would scan
    // every HTML file in the project, the test fixtures too, and warn about their imports.
    optimizeDeps: { entries: ['entrypoints/**/*.html'] },
  }),
  manifest: ({ browser, command, manifestVersion }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // storage: settings. scripting and host access: the card's drawing script (entrypoints/card-view.ts)
    // and the mark.js engine (entrypoints/mark-engine.ts) run in a page only when first needed; the sites are the content
    // script's own, so the browser asks for nothing more at install. No tabs, no network.
    permissions: ['storage', 'scripting'],
    host_permissions: PAGE_MATCHES,
    // The content script proper (entrypoints/content) runs in top documents; this small script runs in
    // every frame and has it started there only once the frame has text to read.
    // Frames with no URL of their own (srcdoc, about:blank filled by script: mail and newsletter
    // viewers, editors' previews) get it too, as the page that made them.
    content_scripts: [
      {
        matches: PAGE_MATCHES,
        all_frames: true,
        match_about_blank: true,
        ...(browser === 'firefox' ? {} : { match_origin_as_fallback: true }),
        run_at: 'document_idle',
        js: ['frame-probe.js'],
      },
    ],
    // The icons are public/icon/<size>.png (scripts/icons.ts), which WXT lists itself; the button's
    // are named in entrypoints/popup/index.html, whence WXT puts them in action or browser_action.
    action: { default_title: 'Gloss' },
    // Extension pages load only their own files; the dev server (serve) needs its own allowances.
    ...(command === 'build'
      ? manifestVersion === 3
        ? { content_security_policy: { extension_pages: EXTENSION_PAGES_CSP } }
        : { content_security_policy: EXTENSION_PAGES_CSP }
      : {}),
    commands: {
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_commandToggleHighlights__',
      },
      'open-card': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpenCard__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'gloss@gloss-reader.org',
              // 142: the first version that reads data_collection_permissions ("Gloss collects nothing").
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  webExt: {
    disabled: !HAS_DISPLAY,
    binaries: { chrome: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    chromiumArgs: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      // Chromium refuses to start as root (containers, CI) with its sandbox on.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    startUrls: [DEMO_URL],
  },
  hooks: {
    'server:started': () => {
      startDemoServer();
      if (!HAS_DISPLAY) console.warn(NO_DISPLAY_HINT);
    },
  },
});
