/// <reference types="vitest/config" />
/**
 * Browser tests: playwright-core drives Debian's Chromium against the built app served by
 * `vite preview` on 127.0.0.1 (tests/browser/global-setup.ts builds if asked, serves, and stops
 * the server afterwards). Plain Node environment, no jsdom; one file at a time, because the
 * machine has two cores and each file already runs a whole browser.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['./tests/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A browser flow that fails once is a failure to look at, not to hide behind a retry.
    retry: 0,
  },
});
