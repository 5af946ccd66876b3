import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'eval/**/*.test.ts'],
    // Generous, for a CI machine that is busy: setups open databases and sign members up (argon2), and a
    // slow machine is no failure of the code. Speed is measured by the benchmarks, never by tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
