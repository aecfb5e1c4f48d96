import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { expect } from "vitest";

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
}

/**
 * A page in its own context (axe needs one), Italian by default like the people the portal serves;
 * pass `locale: "en-GB"` etc. to test Accept-Language, `javaScriptEnabled: false` for no-JS runs.
 */
const noScriptPages = new WeakMap<Page, { browser: Browser; options: BrowserContextOptions }>();

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome", ...options });
  const page = await context.newPage();
  if (options.javaScriptEnabled === false) noScriptPages.set(page, { browser, options });
  page.setDefaultTimeout(20_000);
  page.on("close", () => { context.close().catch(() => {}); });
  return page;
}

export const PHONE = { width: 375, height: 740 };
export const TABLET = { width: 820, height: 1180 };
export const DESKTOP = { width: 1280, height: 900 };

/** WCAG 2.1 AA check with axe-core; fails the test listing every violation and its targets. */
export async function expectAccessible(page: Page): Promise<void> {
  // axe runs inside the page; a page without JavaScript is checked by loading the same URL, with the
  // same cookies, in a twin page that runs scripts (the server renders the same document).
  const noScript = noScriptPages.get(page);
  let target = page;
  if (noScript) {
    const storageState = await page.context().storageState();
    target = await openPage(noScript.browser, { ...noScript.options, javaScriptEnabled: true, storageState });
    await target.goto(page.url());
  }
  const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  if (noScript) await target.close();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
