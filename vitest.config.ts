import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // installs (as root, with apt-get) or reports the programs the consumer tests open releases with
    globalSetup: ["tests/setup/programs.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
