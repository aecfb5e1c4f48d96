import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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

const EVERYDAY_QUERY = "mio figlio non riesce a leggere bene";

/**
 * axe-core runs inside the page, so it cannot analyse a context with JavaScript disabled. For the
 * no-JS run we analyse the same URL in a context whose app bundle is blocked: the page stays exactly
 * as the server rendered it (no hydration), while axe can still be injected.
 */
async function expectAccessibleAsRendered(url: string): Promise<void> {
  const page = await openPage(browser, { viewport: PHONE });
  await page.route(/\/assets\/.*\.js(\?.*)?$/, (route) => route.abort());
  await page.goto(url);
  await expectAccessible(page);
  await page.close();
}

/** Collects Content-Security-Policy violations reported by the browser. */
function watchCsp(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(m.text());
  });
  return problems;
}

async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator("#results-count").textContent()) ?? "";
  return Number(/\d+/.exec(text)?.[0] ?? -1);
}

describe("public portal on a phone", () => {
  it("searches an everyday phrase from the home page, filters, and opens a service page", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    const csp = watchCsp(page);
    await page.goto(app.url);
    await expectAccessible(page);
    await page.locator("#home-search").fill(EVERYDAY_QUERY);
    await page.locator("#home-search").press("Enter");
    await page.waitForURL(/\/servizi\?q=/);
    await expect.poll(() => page.locator("#results-count").textContent()).toMatch(/servizi? trovat/);
    const total = await resultCount(page);
    expect(total).toBeGreaterThan(0);
    expect(await page.locator('[role="status"]#results-count').count()).toBe(1);
    expect(await page.locator("main .card-title a").count()).toBeGreaterThan(0);
    await expectAccessible(page);

    // Apply a filter: the child's age.
    await page.getByText("Filtra i risultati").click();
    await page.getByLabel("Età del bambino o ragazzo (anni)").fill("8");
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    await page.waitForURL(/eta=8/);
    await expect.poll(() => page.getByRole("link", { name: /Rimuovi il filtro: Età: 8 anni/ }).count()).toBe(1);
    const filtered = await resultCount(page);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(total);
    await expectAccessible(page);

    // Open the first result: the scheda servizio.
    const first = page.locator("main .card-title a").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/servizi\/[a-z0-9-]+$/);
    await expect.poll(() => page.locator('[data-element="service-title"]').textContent()).toBe(name);
    for (const element of ["service-title", "service-status", "service-description", "page-index", "breadcrumb", "feedback"]) {
      expect(await page.locator(`[data-element="${element}"]`).count(), element).toBe(1);
    }
    expect(await page.locator('[data-element="page-index"] a[href^="#"]').count()).toBeGreaterThanOrEqual(8);
    for (const heading of ["A chi è rivolto", "Come fare", "Cosa serve", "Cosa si ottiene", "Tempi e scadenze", "Accedi al servizio", "Condizioni di servizio", "Contatti"]) {
      expect(await page.getByRole("heading", { level: 2, name: heading }).count(), heading).toBe(1);
    }
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"][data-element="metatag"]').textContent())!);
    expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "GovernmentService", name });
    expect(ld.provider.name).toBeTruthy();
    expect(ld.availableChannel["@type"]).toBe("ServiceChannel");
    expect(ld.audience).toBeTruthy();
    expect(ld.areaServed.length).toBeGreaterThan(0);
    expect(await page.locator("text=/Informazioni verificate il/").count()).toBe(1);
    expect(await page.locator("dd", { hasText: /\d{2}\/\d{2}\/\d{4}/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    expect(csp).toEqual([]);
    await page.close();
  });

  it("offers appointment booking on a service by appointment and answers 404 for an unknown one", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    await page.goto(`${app.url}/servizi/lucca-mediazione-familiare`);
    const booking = page.locator('[data-element="appointment-booking"]');
    expect(await booking.count()).toBe(1);
    // Until the booking flow (issue 6) exists, booking goes through the service's contacts.
    expect(await booking.getAttribute("href")).toBe("/servizi/lucca-mediazione-familiare#contatti");
    expect(await booking.textContent()).toMatch(/Prenota un appuntamento/);
    await expectAccessible(page);
    await page.close();
    expect((await fetch(`${app.url}/servizi/non-esiste-questo-servizio`)).status).toBe(404);
    expect((await fetch(`${app.url}/servizi?eta=tanti`)).status).toBe(400);
  });

  it("shows the same results on a map, with locally bundled marker images, and as a list of places", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    const csp = watchCsp(page);
    await page.goto(`${app.url}/servizi?q=${encodeURIComponent(EVERYDAY_QUERY)}`);
    const total = await resultCount(page);
    await page.getByRole("link", { name: "Mappa" }).click();
    await page.waitForURL(/vista=mappa/);
    await expect.poll(() => page.locator(".leaflet-marker-icon").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const src = await page.locator(".leaflet-marker-icon").first().getAttribute("src");
    expect(src).toMatch(/^\/assets\/marker-icon/);
    expect(await resultCount(page)).toBe(total);
    expect(await page.getByRole("heading", { name: /Luoghi dei servizi trovati/ }).count()).toBe(1);
    expect(await page.locator("#places-title ~ div h3").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    expect(csp).toEqual([]);
    await page.close();
  });

  it("pages through the directory with links and searches near 'my position' (geolocation)", async () => {
    const page = await openPage(browser, {
      viewport: PHONE, geolocation: { latitude: 43.8429, longitude: 10.5027 }, permissions: ["geolocation"],
    });
    await page.goto(`${app.url}/servizi`);
    const total = await resultCount(page);
    expect(total).toBeGreaterThan(10);
    await page.getByRole("link", { name: "Pagina 2", exact: true }).click();
    await page.waitForURL(/pagina=2/);
    await expect.poll(() => page.getByRole("link", { name: "Pagina 2", exact: true }).getAttribute("aria-current")).toBe("page");
    expect(await resultCount(page)).toBe(total);
    await expectAccessible(page);

    await page.getByText("Filtra i risultati").click();
    await page.getByRole("button", { name: "Usa la mia posizione" }).click();
    await page.waitForURL(/lat=43\.8429/);
    expect(page.url()).not.toMatch(/pagina=/);
    await expect.poll(() => page.getByRole("link", { name: /Rimuovi il filtro: Entro 10 km dalla mia posizione/ }).count()).toBe(1);
    const near = await resultCount(page);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(total);
    expect(await page.locator(".card-text", { hasText: / km/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.close();
  });

  it("shows a center's home page: who we are, opening hours, how to reach us, what's on", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    await page.goto(`${app.url}/centri`);
    await expectAccessible(page);
    const first = page.locator("main h2 a").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/centri\/[a-z0-9-]+$/);
    await expect.poll(() => page.locator("h1").textContent()).toBe(name);
    for (const heading of ["Chi siamo", "Orari di apertura", "Come raggiungerci", "Cosa offriamo", "Territorio servito", "Fonti di finanziamento", "Contatti"]) {
      expect(await page.getByRole("heading", { level: 2, name: heading }).count(), heading).toBe(1);
    }
    expect(await page.getByText(/lunedì|martedì|mercoledì|giovedì|venerdì/).count()).toBeGreaterThan(0);
    await page.getByText("Orari dei prossimi 7 giorni").first().click();
    expect(await page.locator("table.opening-table").first().locator("tbody tr").count()).toBe(7);
    expect(await page.locator("table.opening-table").first().textContent()).toMatch(/\d{2}\/\d{2}/);
    expect(await page.locator("#services-title ~ ul .card-title").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.close();
  });

  it("guides through 'Trova il supporto giusto' to ranked suggestions and the front desk, with back links", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    await page.goto(app.url);
    await page.locator("main").getByRole("link", { name: "Trova il supporto giusto" }).click();
    await page.waitForURL(/\/orientamento/);
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toMatch(/Passo 1 di 4/);
    await expectAccessible(page);
    await page.locator("label", { hasText: "Sono un genitore" }).click();
    await page.getByRole("button", { name: "Avanti" }).click();
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toMatch(/Passo 2 di 4/);
    await expectAccessible(page);
    await page.locator("label", { hasText: "6–10 anni" }).click();
    await page.getByRole("button", { name: "Avanti" }).click();
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toMatch(/Passo 3 di 4/);
    await expectAccessible(page);
    await page.locator("label", { hasText: "Mio figlio fa fatica a leggere, scrivere o studiare" }).click();
    await page.getByRole("button", { name: "Avanti" }).click();
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toMatch(/Passo 4 di 4/);
    await page.getByLabel(/Comune/).selectOption({ label: "Lucca (LU)" });
    await expectAccessible(page);
    await page.getByRole("button", { name: "Mostra i servizi suggeriti" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "I servizi che ti suggeriamo" }).count()).toBe(1);
    expect(await page.locator("#suggestions-title ~ ol > li").count()).toBeGreaterThan(0);
    expect(await page.locator("#suggestions-title ~ ol").first().textContent()).toMatch(/Adatto per: Mio figlio fa fatica a leggere/);
    expect(await page.getByRole("heading", { name: "Contatta lo sportello" }).count()).toBe(1);
    expect(await page.locator('#sportello a[href^="tel:"]').count()).toBeGreaterThan(0);
    expect(await page.locator("#sportello").textContent()).toMatch(/Serve il comune di Lucca/);
    await expectAccessible(page);
    // Back to step 4 keeps the answers.
    await page.getByRole("link", { name: "Indietro" }).click();
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toMatch(/Passo 4 di 4/);
    expect(await page.getByLabel(/Comune/).inputValue()).toBe("046017");
    await page.close();
  });

  it("refuses a step reached without the earlier answers with 400 and a localised message", async () => {
    const res = await fetch(`${app.url}/orientamento?passo=3&chi=genitore`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Scegli almeno un’età");
  });
});

describe("public portal in English and Arabic", () => {
  it("switches language with the header switcher and lays Arabic out right to left", async () => {
    const page = await openPage(browser, { viewport: PHONE });
    await page.goto(`${app.url}/servizi?q=${encodeURIComponent(EVERYDAY_QUERY)}`);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    expect(page.url()).toContain("q=");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Services for families");
    expect(await page.locator("#results-count").textContent()).toMatch(/services? found/);
    await expectAccessible(page);

    await page.goto(`${app.url}/servizi/lucca-mediazione-familiare`);
    expect(await page.getByRole("heading", { level: 2, name: "Who it is for" }).count()).toBe(1);
    expect(await page.locator('[data-element="appointment-booking"]').textContent()).toMatch(/Book an appointment/);
    await expectAccessible(page);
    await page.goto(`${app.url}/orientamento`);
    expect(await page.locator("h1").textContent()).toBe("Find the right support");
    await expectAccessible(page);

    await page.getByRole("button", { name: "العربية" }).click();
    await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.locator("h1").textContent()).toBe("اعثر على الدعم المناسب");
    await expectAccessible(page);
    await page.goto(`${app.url}/servizi?q=${encodeURIComponent(EVERYDAY_QUERY)}&vista=mappa`);
    expect(await page.locator("h1").textContent()).toBe("خدمات للعائلات");
    await expect.poll(() => page.locator(".leaflet-marker-icon").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.goto(`${app.url}/servizi/lucca-mediazione-familiare`);
    expect(await page.getByRole("heading", { level: 2, name: "لمن هذه الخدمة" }).count()).toBe(1);
    await expectAccessible(page);
    await page.goto(`${app.url}/centri/cpf-lucca`);
    expect(await page.getByRole("heading", { level: 2, name: "من نحن" }).count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });
});

describe("public portal without JavaScript", () => {
  it("runs a filtered search with the GET form, removes a filter chip and shows the map as a list", async () => {
    const page = await openPage(browser, { viewport: PHONE, javaScriptEnabled: false });
    await page.goto(`${app.url}/servizi`);
    await expectAccessibleAsRendered(page.url());
    const all = await resultCount(page);
    await page.getByLabel("Di cosa hai bisogno?").fill("separazione");
    await page.getByText("Filtra i risultati").click();
    await page.locator("label", { hasText: "Solo servizi gratuiti" }).click();
    await page.getByLabel("Comune", { exact: true }).selectOption({ label: "Lucca (LU)" });
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    await page.waitForURL(/gratuito=1/);
    expect(page.url()).toMatch(/q=separazione/);
    expect(page.url()).toMatch(/comune=046017/);
    const filtered = await resultCount(page);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(await page.locator(".badge", { hasText: "A pagamento" }).count()).toBe(0);
    // Without JavaScript there is no "use my location" button.
    expect(await page.getByRole("button", { name: "Usa la mia posizione" }).count()).toBe(0);
    await expectAccessibleAsRendered(page.url());

    await page.getByRole("link", { name: "Rimuovi il filtro: Solo servizi gratuiti" }).click();
    await page.waitForURL((url) => !url.search.includes("gratuito"));
    expect(await resultCount(page)).toBeGreaterThanOrEqual(filtered);

    await page.getByRole("link", { name: "Mappa" }).click();
    await page.waitForURL(/vista=mappa/);
    expect(await page.locator(".leaflet-container").count()).toBe(0);
    expect(await page.getByRole("heading", { name: /Luoghi dei servizi trovati/ }).count()).toBe(1);
    expect(await page.locator("#places-title ~ div li a[href^='/servizi/']").count()).toBeGreaterThan(0);
    await expectAccessibleAsRendered(page.url());
    await page.close();
  });

  it("walks the orientation path with plain GET steps", async () => {
    const page = await openPage(browser, { viewport: DESKTOP, javaScriptEnabled: false });
    await page.goto(`${app.url}/orientamento`);
    await page.locator("label", { hasText: "Sono un ragazzo o una ragazza" }).click();
    await page.getByRole("button", { name: "Avanti" }).click();
    await page.locator("label", { hasText: "14–17 anni" }).click();
    await page.getByRole("button", { name: "Avanti" }).click();
    await page.locator("label", { hasText: "In famiglia litighiamo spesso" }).click();
    await page.getByRole("button", { name: "Avanti" }).click();
    await page.getByRole("button", { name: "Mostra i servizi suggeriti" }).click();
    await page.waitForURL(/passo=5/);
    expect(await page.getByRole("heading", { name: "Contatta lo sportello" }).count()).toBe(1);
    await expectAccessibleAsRendered(page.url());
    await page.close();
  });
});
