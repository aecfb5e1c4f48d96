import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type RunningApp } from "../support/server.js";
import { DESKTOP, expectAccessible, launchBrowser, openPage } from "../support/browser.js";

const PASSWORD = "Crocevia-Demo-2026!";
const LONG = 180_000;
const EXAMPLE = path.resolve("..", "shared", "hsds-3.0", "examples", "service_full.json");
const EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b";
const EXAMPLE_NAME = "Community Counselling";
const BAD_ID = "servizio-senza-nome";

let app: RunningApp;
let browser: Browser;
let tmp: string;
let uploadFile: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crocevia-upload-"));
  uploadFile = path.join(tmp, "servizi-hsds.json");
  const example = JSON.parse(fs.readFileSync(EXAMPLE, "utf8")) as unknown;
  // One valid HSDS 3.0 service and one record that is not (no name, no status).
  fs.writeFileSync(uploadFile, JSON.stringify([example, { id: BAD_ID, description: "Manca il nome" }]));
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function newPage(javaScriptEnabled = true): Promise<Page> {
  return openPage(browser, { viewport: DESKTOP, javaScriptEnabled });
}

async function signIn(page: Page, email: string) {
  await page.goto(`${app.url}/backoffice/accesso`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Accedi", exact: true }).click();
  await page.waitForURL(`${app.url}/backoffice`);
}

describe("back-office HSDS import by upload", () => {
  it("lets a coordinator upload HSDS JSON: the good service goes in and shows on the portal, the bad one is reported", async () => {
    const page = await newPage();
    await signIn(page, "coordinatore@demo.crocevia.it");
    await expectAccessible(page);

    await page.getByRole("heading", { name: "Importa servizi (HSDS)" }).getByRole("link").click();
    await page.waitForURL(`${app.url}/backoffice/importa`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Importa servizi (HSDS 3.0)");
    const exportLink = page.getByRole("link", { name: "Scarica la directory (HSDS JSON)" });
    expect(await exportLink.getAttribute("href")).toBe("/api/hsds/export.json");
    await expectAccessible(page);

    await page.getByLabel("File da importare").setInputFiles(uploadFile);
    await page.getByRole("button", { name: "Importa", exact: true }).click();
    const summary = page.getByTestId("import-summary");
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/1 importato/);
    const text = (await summary.textContent())!;
    expect(text).toMatch(/0 aggiornati/);
    expect(text).toMatch(/1 scartato/);
    expect(text).toMatch(/Servizi letti: 2/);
    const row = page.getByTestId("import-failures").locator("tbody tr");
    expect(await row.count()).toBe(1);
    expect(await row.locator("th").textContent()).toBe(BAD_ID);
    expect(await row.locator("td").first().textContent()).toBe("Il servizio non rispetta lo schema HSDS 3.0.");
    expect((await row.locator("td").nth(1).textContent())!.length).toBeGreaterThan(0);
    await expectAccessible(page);

    // The imported service is public: in the HSDS API and in the portal's search.
    const api = await page.request.get(`${app.url}/api/hsds/services/${EXAMPLE_ID}`);
    expect(api.status()).toBe(200);
    expect(((await api.json()) as { name: string }).name).toBe(EXAMPLE_NAME);
    await page.goto(`${app.url}/servizi?q=${encodeURIComponent(EXAMPLE_NAME)}`);
    await expect.poll(() => page.getByRole("link", { name: EXAMPLE_NAME }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.close();
  }, LONG);

  it("works without JavaScript, and importing again updates the service", async () => {
    const page = await newPage(false);
    await signIn(page, "rete@demo.crocevia.it");
    await page.goto(`${app.url}/backoffice/importa`);
    await expectAccessible(page);
    await page.getByLabel("File da importare").setInputFiles(uploadFile);
    await Promise.all([page.waitForURL(`${app.url}/backoffice/importa`), page.getByRole("button", { name: "Importa", exact: true }).click()]);
    const summary = page.getByTestId("import-summary");
    await expect.poll(() => summary.textContent()).toMatch(/1 aggiornato/);
    expect(await summary.textContent()).toMatch(/0 importati/);
    expect(await page.getByTestId("import-failures").locator("tbody tr").count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  }, LONG);

  it("refuses a file that is not HSDS with a localised 400", async () => {
    const page = await newPage();
    await signIn(page, "sysadmin@demo.crocevia.it");
    await page.goto(`${app.url}/backoffice/importa`);
    const notes = path.join(tmp, "appunti.txt");
    fs.writeFileSync(notes, "non sono dati HSDS");
    await page.getByLabel("File da importare").setInputFiles(notes);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/backoffice/importa") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Importa", exact: true }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/Il file «appunti\.txt» non è né JSON né CSV\./);
    await expectAccessible(page);
    await page.close();
  }, LONG);

  it("answers 403 to a front-desk operator, on the page and on the upload", async () => {
    const page = await newPage();
    await signIn(page, "sportello@demo.crocevia.it");
    expect(await page.getByRole("link", { name: "Importa servizi (HSDS)" }).count()).toBe(0);
    await expectAccessible(page);

    const response = await page.goto(`${app.url}/backoffice/importa`);
    expect(response?.status()).toBe(403);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Accesso non consentito");
    await expectAccessible(page);

    const post = await page.request.post(`${app.url}/backoffice/importa`, {
      multipart: { files: { name: "servizi.json", mimeType: "application/json", buffer: fs.readFileSync(uploadFile) } },
      headers: { origin: app.url },
    });
    expect(post.status()).toBe(403);
    const api = await page.request.get(`${app.url}/api/hsds/services/${EXAMPLE_ID}`);
    expect(api.status()).toBe(200); // imported by the coordinator above, untouched since
    await page.close();
  }, LONG);
});
