import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import * as OTPAuth from "otpauth";
import { startApp, type RunningApp } from "../support/server.js";
import { DESKTOP, expectAccessible, launchBrowser, openPage } from "../support/browser.js";

const PASSWORD = "Crocevia-Demo-2026!";
/** Each test visits several pages and runs axe on every one. */
const LONG = 180_000;

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

/** A desktop page in its own Italian context (openPage); axe handles pages without JavaScript too. */
function newPage(javaScriptEnabled = true): Promise<Page> {
  return openPage(browser, { viewport: DESKTOP, javaScriptEnabled });
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Accedi", exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Esci" }).click();
  await page.waitForURL(/\/backoffice\/accesso\?uscito=1$/);
  await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Sei uscito/);
}

describe("back-office", () => {
  it("sends an anonymous visitor to the sign-in page", async () => {
    const page = await newPage();
    const response = await page.goto(`${app.url}/backoffice/segnalazioni-accessibilita`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${app.url}/backoffice/accesso?redirectTo=${encodeURIComponent("/backoffice/segnalazioni-accessibilita")}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Accesso all'area operatori");
    await expectAccessible(page);

    // Wrong password: a generic message, a 401, nothing else revealed.
    await page.getByLabel("Email").fill("coordinatore@demo.crocevia.it");
    await page.getByLabel("Password", { exact: true }).fill("password-sbagliata");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/backoffice/accesso") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Accedi", exact: true }).click(),
    ]);
    expect(answer.status()).toBe(401);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toBe("Email o password non corrette.");
    await expectAccessible(page);
    await page.close();
  }, LONG);

  it("lets a coordinator answer an accessibility report sent through the public form", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/segnala-accessibilita?pagina=/servizi`);
    await expectAccessible(page);
    await page.getByLabel("Descrivi il problema").fill("Il filtro per età non si raggiunge con la tastiera.");
    await page.getByLabel("Email per la risposta").fill("mamma@example.org");
    await page.getByText(/Ho letto l’informativa privacy/).click();
    await page.getByRole("button", { name: "Invia", exact: true }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/Segnalazione ricevuta/);

    await page.goto(`${app.url}/backoffice`);
    await page.waitForURL(/\/backoffice\/accesso/);
    await signIn(page, "coordinatore@demo.crocevia.it");
    await page.waitForURL(`${app.url}/backoffice`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Area operatori");
    const roles = page.getByTestId("my-roles");
    await expect.poll(() => roles.textContent()).toMatch(/Coordinatore del centro — Centro: /);
    expect(await page.getByText("Elena Rossi").count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.getByRole("heading", { name: "Segnalazioni di accessibilità" }).getByRole("link").click();
    await page.waitForURL(`${app.url}/backoffice/segnalazioni-accessibilita`);
    const report = page.locator("article", { hasText: "Il filtro per età non si raggiunge con la tastiera." });
    await expect.poll(() => report.count()).toBe(1);
    await expect.poll(() => report.textContent()).toMatch(/mancano 30 giorni|mancano 29 giorni/);
    await expect.poll(() => report.textContent()).toMatch(/Da rispondere/);
    await expectAccessible(page);

    // Too short an answer: a localised 400, the report stays open.
    await report.getByLabel("Risposta").fill("Ok");
    await report.getByRole("button", { name: "Registra la risposta" }).click();
    await expect.poll(() => report.getByRole("alert").textContent()).toBe("Scrivi una risposta di almeno 10 caratteri.");
    await expectAccessible(page);

    await report.getByLabel("Risposta").fill("Grazie: abbiamo corretto il filtro, ora si usa anche da tastiera.");
    await report.getByRole("button", { name: "Registra la risposta" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Risposta registrata.");
    const answered = page.locator("article", { hasText: "Il filtro per età non si raggiunge con la tastiera." });
    await expect.poll(() => answered.textContent()).toMatch(/Risposta inviata/);
    await expect.poll(() => answered.textContent()).toMatch(/coordinatore@demo\.crocevia\.it/);
    await expectAccessible(page);

    await page.goto(`${app.url}/backoffice/valutazioni`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Valutazioni delle pagine");
    await expectAccessible(page);

    await signOut(page);
    await expectAccessible(page);
    const after = await page.goto(`${app.url}/backoffice`);
    expect(after?.url()).toContain("/backoffice/accesso");
    await page.close();
  }, LONG);

  it("answers 403 to a front-desk operator on the accessibility reports, without JavaScript too", async () => {
    const page = await newPage(false);
    await page.goto(`${app.url}/backoffice/accesso`);
    await expectAccessible(page);
    await signIn(page, "sportello@demo.crocevia.it");
    await page.waitForURL(`${app.url}/backoffice`);
    await expect.poll(() => page.getByTestId("my-roles").textContent()).toMatch(/Operatore di sportello/);
    expect(await page.getByRole("link", { name: "Segnalazioni di accessibilità" }).count()).toBe(0);
    await expectAccessible(page);

    const response = await page.goto(`${app.url}/backoffice/segnalazioni-accessibilita`);
    expect(response?.status()).toBe(403);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Accesso non consentito");
    await expectAccessible(page);

    // The answer action checks the role on the server as well.
    const post = await page.request.post(`${app.url}/backoffice/segnalazioni-accessibilita`, {
      form: { id: "00000000-0000-4000-8000-000000000000", answer: "Tentativo non autorizzato" },
      headers: { origin: app.url },
    });
    expect(post.status()).toBe(403);
    await page.close();
  }, LONG);

  it("turns on TOTP for a user, who then signs in with a code", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/backoffice/accesso`);
    await signIn(page, "professionista@demo.crocevia.it");
    await page.waitForURL(`${app.url}/backoffice`);
    await expectAccessible(page);

    await page.getByRole("heading", { name: "Sicurezza dell'account" }).getByRole("link").click();
    await page.waitForURL(`${app.url}/backoffice/sicurezza`);
    await expect.poll(() => page.getByTestId("totp-state").textContent()).toBe("La verifica in due passaggi non è attiva.");
    await expectAccessible(page);

    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Continua" }).click();
    const uriText = page.getByTestId("totp-uri");
    await expect.poll(() => uriText.count()).toBe(1);
    const uri = (await uriText.textContent())!;
    expect(uri).toMatch(/^otpauth:\/\/totp\/Crocevia:professionista%40demo\.crocevia\.it\?/);
    const totp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    expect((await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "")).toBe(totp.secret.base32);
    await expectAccessible(page);

    await page.getByLabel("Codice di verifica").fill(totp.generate());
    await page.getByRole("button", { name: "Conferma e attiva" }).click();
    await page.waitForURL(`${app.url}/backoffice/sicurezza?stato=attivata`);
    await expect.poll(() => page.getByTestId("totp-state").textContent()).toBe("La verifica in due passaggi è attiva.");
    await expectAccessible(page);

    await signOut(page);
    await signIn(page, "professionista@demo.crocevia.it");
    await page.waitForURL(/\/backoffice\/accesso\?passo=codice/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Verifica in due passaggi");
    await expectAccessible(page);
    // Without the code there is no session yet.
    const probe = await page.request.get(`${app.url}/backoffice`, { maxRedirects: 0 });
    expect(probe.status()).toBe(303);

    await page.getByLabel("Codice di verifica").fill("000000" === totp.generate() ? "111111" : "000000");
    await page.getByRole("button", { name: "Verifica" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/Il codice non è corretto/);
    await expectAccessible(page);

    await page.getByLabel("Codice di verifica").fill(totp.generate());
    await page.getByRole("button", { name: "Verifica" }).click();
    await page.waitForURL(`${app.url}/backoffice`);
    await expect.poll(() => page.getByText("Verifica in due passaggi").locator("xpath=following-sibling::dd[1]").textContent()).toBe("attiva");
    await expectAccessible(page);
    await page.close();
  }, LONG);
});
