import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to the embedded database in ./data on port 3000 with demo data", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: "./data", DEMO_DATA: "on" });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it("accepts a postgres URL and DEMO_DATA=off", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u@db:5432/x", DEMO_DATA: "off", PORT: "8080" });
    expect(c).toMatchObject({ DATABASE_URL: "postgres://u@db:5432/x", DEMO_DATA: "off", PORT: 8080 });
  });

  it("rejects a non-postgres DATABASE_URL and a bad port with a readable message", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => loadConfig({ PORT: "99999" })).toThrow(/PORT/);
  });
});
