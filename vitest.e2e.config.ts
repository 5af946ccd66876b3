import { defineConfig } from 'vitest/config';

/** Browser journeys (`npm run test:e2e`): Playwright driving Debian's Chromium against the demo archive. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
