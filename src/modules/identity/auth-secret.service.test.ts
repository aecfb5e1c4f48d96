import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.js";
import { resolveAuthSecret } from "./auth-secret.service.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crocevia-secret-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("resolveAuthSecret", () => {
  it("uses AUTH_SECRET when set", () => {
    const secret = "x".repeat(40);
    expect(resolveAuthSecret(loadConfig({ AUTH_SECRET: secret }), "production")).toBe(secret);
  });

  it("generates a secret once for the embedded database and keeps it in DATA_DIR/auth-secret", () => {
    const config = loadConfig({ DATA_DIR: path.join(dir, "data") });
    const first = resolveAuthSecret(config, "development");
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, "data", "auth-secret");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(resolveAuthSecret(config, "development")).toBe(first);
  });

  it("keeps an in-memory secret for memory:// and for a PostgreSQL server without AUTH_SECRET", () => {
    const a = resolveAuthSecret(loadConfig({ DATA_DIR: "memory://" }), "production");
    const b = resolveAuthSecret(loadConfig({ DATABASE_URL: "postgres://u@db/x", DATA_DIR: path.join(dir, "pg") }), "development");
    expect(a).toBe(b);
    expect(fs.existsSync(path.join(dir, "pg", "auth-secret"))).toBe(false);
  });
});

describe("AUTH_SECRET in the configuration", () => {
  it("is required in production on PostgreSQL unless the demo data is on", () => {
    const pgUrl = "postgres://u@db:5432/x";
    expect(() => loadConfig({ NODE_ENV: "production", DEMO_DATA: "off", DATABASE_URL: pgUrl })).toThrow(/AUTH_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: pgUrl })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: "production", DEMO_DATA: "off" })).not.toThrow(); // embedded: kept in DATA_DIR
    expect(() => loadConfig({ NODE_ENV: "production", DEMO_DATA: "off", DATABASE_URL: pgUrl, AUTH_SECRET: "s".repeat(32) })).not.toThrow();
    expect(() => loadConfig({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32/);
  });

  it("reads TRUSTED_PROXIES as a list", () => {
    expect(loadConfig({ TRUSTED_PROXIES: "10.0.0.1, 192.0.2.0/24" }).TRUSTED_PROXIES).toEqual(["10.0.0.1", "192.0.2.0/24"]);
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
  });
});
