import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startApp, type RunningApp } from "../support/server.js";
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage } from "../support/browser.js";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("portal shell", () => {
  it("answers /healthz and /readyz once ready, with strict security headers", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: "ready", db: "pglite" });
    const home = await fetch(`${app.url}/`);
    expect(home.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("x-frame-options")).toBe("DENY");
  });

  it("shows the network home on a phone, in Italian, accessible", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    await page.goto(app.url);
    expect(await page.getAttribute("html", "lang")).toBe("it");
    await expect.poll(() => page.locator("h1").first().textContent()).toMatch(/Centri per le Famiglie/);
    expect(await page.locator('[data-element="accessibility-link"]').count()).toBe(1);
    expect(await page.locator('[data-element="privacy-policy-link"]').count()).toBe(1);
    expect(await page.locator('[data-element="feedback"]').count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it("switches to Arabic laid out right to left, and to English", async () => {
    const page = await openPage(browser, { viewport: DESKTOP });
    await page.goto(app.url);
    await page.getByRole("button", { name: "العربية" }).click();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    await expectAccessible(page);
    await page.close();
  });

  it("rates a page with stars and the follow-up question, without JavaScript", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false, viewport: PHONE });
    await page.goto(`${app.url}/privacy`);
    await expectAccessible(page);
    await page.locator('label[for="rating-2"]').click();
    await page.getByRole("button", { name: "Invia valutazione" }).click();
    await expect.poll(() => page.getByText("Dove hai incontrato le maggiori difficoltà?").count()).toBe(1);
    await expectAccessible(page);
    await page.locator('label[for="reason-unclear"]').click();
    await page.getByRole("button", { name: "Invia", exact: true }).click();
    await expect.poll(() => page.getByText("Grazie, il tuo parere").count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it("takes an accessibility report with a 30-day deadline and rejects a bad one with 400", async () => {
    const bad = await fetch(`${app.url}/segnala-accessibilita`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
      body: new URLSearchParams({ pageUrl: "", description: "x", email: "no" }),
    });
    expect(bad.status).toBe(400);

    const crossSite = await fetch(`${app.url}/segnala-accessibilita`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ pageUrl: "/", description: "un problema serio", email: "a@b.it", consent: "on" }),
    });
    expect(crossSite.status).toBe(403);

    const page = await openPage(browser, { viewport: DESKTOP });
    await page.goto(`${app.url}/segnala-accessibilita`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Invia" }).first().click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/Alcuni campi/);
    await expectAccessible(page);
    await page.getByLabel(/Pagina in cui hai trovato/).fill("/servizi");
    await page.getByLabel("Descrivi il problema").fill("Il filtro per età non si legge con lo screen reader");
    await page.getByLabel("Email per la risposta").fill("anna@example.org");
    await page.locator('label[for="a11y-consent"]').click();
    await page.getByRole("button", { name: "Invia" }).first().click();
    await expect.poll(() => page.getByText("Segnalazione ricevuta").count()).toBe(1);
    expect(await page.getByText(/Riceverai una risposta entro il \d{2}\/\d{2}\/\d{4}/).count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it("answers unknown pages with an accessible 404", async () => {
    const res = await fetch(`${app.url}/non-esiste`);
    expect(res.status).toBe(404);
    const page = await openPage(browser, { viewport: PHONE });
    await page.goto(`${app.url}/non-esiste`);
    expect(await page.locator("h1").textContent()).toBe("Pagina non trovata");
    await expectAccessible(page);
    await page.close();
  });
});
