import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { chromiumPath } from "./browser.js";

/** Builds the production bundle once; the e2e suite runs the app exactly as `npm start` does. */
export async function setup() {
  if (!fs.existsSync(chromiumPath())) {
    throw new Error(`Chromium not found at ${chromiumPath()}: install the Debian package "chromium" or set CHROMIUM_PATH. The e2e suite cannot run.`);
  }
  execFileSync(process.execPath, ["node_modules/@react-router/dev/bin.js", "build"], { stdio: "inherit" });
}
