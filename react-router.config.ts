import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  appDirectory: "app",
  // BUILD_DIR lets several builds coexist in one checkout (e.g. parallel e2e runs).
  buildDirectory: process.env.BUILD_DIR ?? "build",
} satisfies Config;
