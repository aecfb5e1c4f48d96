import { describe, expect, it } from "vitest";
import { checkPassword, main, parseStaffCreateArgs, type StaffCreateIo } from "./staff-create.js";

const UUID = "10000000-0000-4000-8000-00000000000a";

describe("staff:create arguments", () => {
  it("accepts a sysadmin without scope, normalising the email", () => {
    expect(parseStaffCreateArgs(["--email", " Sara@Example.IT ", "--name", " Sara Marino ", "--role", "sysadmin"])).toEqual({
      ok: true, value: { email: "sara@example.it", name: "Sara Marino", role: "sysadmin", scopeType: "global", scopeId: null },
    });
  });

  it("accepts a scoped role with its scope", () => {
    const r = parseStaffCreateArgs(["--email=a@b.it", "--name=Elena Rossi", "--role=coordinator", "--scope-type=center", `--scope-id=${UUID.toUpperCase()}`]);
    expect(r).toEqual({ ok: true, value: { email: "a@b.it", name: "Elena Rossi", role: "coordinator", scopeType: "center", scopeId: UUID } });
  });

  it.each([
    [[], /--email è obbligatorio/],
    [["--email", "nope", "--name", "X", "--role", "sysadmin"], /--email non è un indirizzo email valido/],
    [["--email", "a@b.it", "--name", "  ", "--role", "sysadmin"], /--name non può essere vuoto/],
    [["--email", "a@b.it", "--name", "X", "--role", "boss"], /--role "boss" non esiste/],
    [["--email", "a@b.it", "--name", "X", "--role", "citizen"], /non è un ruolo del personale/],
    [["--email", "a@b.it", "--name", "X", "--role", "sysadmin", "--scope-type", "center", "--scope-id", UUID], /togli --scope-type/],
    [["--email", "a@b.it", "--name", "X", "--role", "coordinator"], /vale in un ambito/],
    [["--email", "a@b.it", "--name", "X", "--role", "partner", "--scope-type", "center"], /vale in un ambito/],
    [["--email", "a@b.it", "--name", "X", "--role", "coordinator", "--scope-type", "region", "--scope-id", UUID], /--scope-type "region" non valido/],
    [["--email", "a@b.it", "--name", "X", "--role", "coordinator", "--scope-type", "center", "--scope-id", "42"], /non è un uuid/],
    [["--email", "a@b.it", "--name", "X", "--role", "sysadmin", "--admin"], /Unknown option/],
    [["--email", "a@b.it", "--name", "X", "--role", "sysadmin", "extra"], /argomenti non previsti/],
  ])("rejects %j", (argv, message) => {
    const r = parseStaffCreateArgs(argv as string[]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message);
  });

  it("wants a password of 12 to 128 characters", () => {
    expect(checkPassword("corta")).toMatch(/almeno 12/);
    expect(checkPassword(" ".repeat(12))).toMatch(/spazi/);
    expect(checkPassword("x".repeat(129))).toMatch(/al massimo 128/);
    expect(checkPassword("una-password-lunga")).toBeNull();
  });
});

describe("staff:create main, before the database", () => {
  function io(env: Record<string, string> = {}, answer: string | null | Error = null) {
    const lines: string[] = [];
    let opened = false;
    const value: StaffCreateIo = {
      env,
      askPassword: async () => { if (answer instanceof Error) throw answer; return answer; },
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      open: async () => { opened = true; throw new Error("no database in unit tests"); },
    };
    return { value, lines, opened: () => opened };
  }
  const ok = ["--email", "a@b.it", "--name", "Nome Cognome", "--role", "sysadmin"];

  it("exits 2 with the usage on bad arguments, without opening the database", async () => {
    const x = io({ STAFF_PASSWORD: "una-password-lunga" });
    expect(await main(["--role", "sysadmin"], x.value)).toBe(2);
    expect(x.lines.join("\n")).toMatch(/Uso: npm run staff:create/);
    expect(x.opened()).toBe(false);
  });

  it("exits 2 on a missing, short or mistyped password", async () => {
    const none = io({}, null);
    expect(await main(ok, none.value)).toBe(2);
    expect(none.lines.join("\n")).toMatch(/STAFF_PASSWORD/);
    const short = io({}, "corta");
    expect(await main(ok, short.value)).toBe(2);
    expect(short.lines.join("\n")).toMatch(/almeno 12 caratteri/);
    const mismatch = io({}, new Error("le due password non coincidono"));
    expect(await main(ok, mismatch.value)).toBe(2);
    expect(mismatch.lines.join("\n")).toMatch(/non coincidono/);
    expect(none.opened() || short.opened() || mismatch.opened()).toBe(false);
  });

  it("exits 1 when the database cannot be opened", async () => {
    const x = io({ STAFF_PASSWORD: "una-password-lunga" });
    expect(await main(ok, x.value)).toBe(1);
    expect(x.lines.join("\n")).toMatch(/impossibile aprire il database: no database in unit tests/);
  });
});
