// `npm run staff:create -- --email a@b.it --name "Nome Cognome" --role sysadmin [--scope-type center --scope-id UUID]`
// Creates a staff account (e.g. the first one on an install started with DEMO_DATA=off) in the
// database `npm start` uses (DATABASE_URL, or PGlite in DATA_DIR: stop the app first when it runs on
// PGlite). The password comes from the STAFF_PASSWORD environment variable or is asked on stdin.
// Exits non-zero, with the reason, when anything is wrong; nothing is written then.
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AppServices } from "../src/platform/app-context.js";
import { bootServices } from "../src/platform/boot.js";
import { loadConfig } from "../src/platform/config.js";
import { createStaffUser, findScopeNames, hashPassword, ROLES, users, type Role, type ScopeType } from "../src/modules/identity/index.js";

const USAGE = `Uso: npm run staff:create -- --email EMAIL --name "NOME COGNOME" --role RUOLO [--scope-type TIPO --scope-id UUID]
  RUOLO: ${ROLES.filter((r) => r !== "citizen").join(", ")}
  sysadmin vale per tutta l'installazione; gli altri ruoli valgono in un ambito:
  --scope-type center|partner|network e --scope-id con l'id (uuid) del centro, dell'ente partner o della rete.
  La password (almeno 12 caratteri) si legge da STAFF_PASSWORD oppure viene chiesta sul terminale.`;

export const MIN_PASSWORD = 12;
const MAX_PASSWORD = 128;
const SCOPE_TYPES = ["center", "partner", "network"] as const;
/** Roles valid for the whole installation; every other staff role is held in a scope. */
const GLOBAL_ROLES: readonly Role[] = ["sysadmin"];

export interface StaffCreateArgs {
  email: string;
  name: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const argsSchema = z.object({
  email: z.string({ error: "--email è obbligatorio" }).trim().toLowerCase().max(254, "--email è troppo lungo")
    .pipe(z.email("--email non è un indirizzo email valido")),
  name: z.string({ error: "--name è obbligatorio" }).trim().min(1, "--name non può essere vuoto").max(200, "--name è troppo lungo (massimo 200 caratteri)"),
  role: z.string({ error: "--role è obbligatorio" }),
  "scope-type": z.string().optional(),
  "scope-id": z.string().trim().optional(),
});

/** Reads and checks the command-line options (not the password, not the database). */
export function parseStaffCreateArgs(argv: string[]): Parsed<StaffCreateArgs> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" }, name: { type: "string" }, role: { type: "string" },
        "scope-type": { type: "string" }, "scope-id": { type: "string" },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (err) {
    return { ok: false, errors: [(err as Error).message] };
  }
  const errors: string[] = [];
  if (positionals.length) errors.push(`argomenti non previsti: ${positionals.join(" ")}`);
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message));
  if (!parsed.success || errors.length) return { ok: false, errors };

  const v = parsed.data;
  const role = v.role as Role;
  if (!(ROLES as readonly string[]).includes(v.role)) {
    return { ok: false, errors: [`--role "${v.role}" non esiste; ruoli: ${ROLES.filter((r) => r !== "citizen").join(", ")}`] };
  }
  if (role === "citizen") return { ok: false, errors: ["--role citizen non è un ruolo del personale: i cittadini non entrano nell'area operatori"] };

  if (GLOBAL_ROLES.includes(role)) {
    if (v["scope-type"] !== undefined || v["scope-id"] !== undefined) {
      return { ok: false, errors: [`--role ${role} vale per tutta l'installazione: togli --scope-type e --scope-id`] };
    }
    return { ok: true, value: { email: v.email, name: v.name, role, scopeType: "global", scopeId: null } };
  }
  if (v["scope-type"] === undefined || v["scope-id"] === undefined) {
    errors.push(`--role ${role} vale in un ambito: indica --scope-type (${SCOPE_TYPES.join(", ")}) e --scope-id`);
  }
  if (v["scope-type"] !== undefined && !(SCOPE_TYPES as readonly string[]).includes(v["scope-type"])) {
    errors.push(`--scope-type "${v["scope-type"]}" non valido: usa ${SCOPE_TYPES.join(", ")}`);
  }
  if (v["scope-id"] !== undefined && !z.uuid().safeParse(v["scope-id"]).success) {
    errors.push(`--scope-id "${v["scope-id"]}" non è un uuid`);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { email: v.email, name: v.name, role, scopeType: v["scope-type"] as ScopeType, scopeId: v["scope-id"]!.toLowerCase() } };
}

/** A reason the password is not acceptable, or null. */
export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `la password deve avere almeno ${MIN_PASSWORD} caratteri`;
  if (password.length > MAX_PASSWORD) return `la password può avere al massimo ${MAX_PASSWORD} caratteri`;
  if (!password.trim()) return "la password non può essere fatta solo di spazi";
  return null;
}

export interface StaffCreateIo {
  env: Record<string, string | undefined>;
  /** Asks for the password (shown as typed); null when there is no one to ask; throws when the two entries differ. */
  askPassword(): Promise<string | null>;
  out(line: string): void;
  err(line: string): void;
  /** Opens the database the app uses (migrated, no demo data). */
  open(): Promise<{ services: AppServices; close(): Promise<void> }>;
}

/** Runs the command; returns the exit code (0: account created). */
export async function main(argv: string[], io: StaffCreateIo = processIo()): Promise<number> {
  const args = parseStaffCreateArgs(argv);
  if (!args.ok) {
    for (const e of args.errors) io.err(`Errore: ${e}`);
    io.err(USAGE);
    return 2;
  }
  let password: string | null;
  try {
    password = io.env.STAFF_PASSWORD ?? (await io.askPassword());
  } catch (err) {
    io.err(`Errore: ${(err as Error).message}`);
    return 2;
  }
  if (password === null) {
    io.err("Errore: manca la password: impostala in STAFF_PASSWORD oppure esegui il comando da un terminale");
    return 2;
  }
  const weak = checkPassword(password);
  if (weak) {
    io.err(`Errore: ${weak}`);
    return 2;
  }

  let opened: Awaited<ReturnType<StaffCreateIo["open"]>>;
  try {
    opened = await io.open();
  } catch (err) {
    io.err(`Errore: impossibile aprire il database: ${(err as Error).message}`);
    return 1;
  }
  const { db } = opened.services;
  const a = args.value;
  try {
    if (a.scopeId) {
      const names = await findScopeNames(db, [{ role: a.role, scopeType: a.scopeType, scopeId: a.scopeId }]);
      if (!names[a.scopeId]) {
        const what = a.scopeType === "center" ? "nessun centro" : a.scopeType === "partner" ? "nessun ente partner" : "nessuna rete";
        io.err(`Errore: ${what} ha l'id ${a.scopeId}`);
        return 1;
      }
    }
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, a.email));
    if (taken) {
      io.err(`Errore: esiste già un account con l'email ${a.email}`);
      return 1;
    }
    const passwordHash = await hashPassword(password);
    const id = await db.transaction((tx) => createStaffUser(tx, {
      name: a.name, email: a.email, passwordHash, roles: [{ role: a.role, scopeType: a.scopeType, scopeId: a.scopeId }],
    }));
    const where = a.scopeId ? ` (${a.scopeType} ${a.scopeId})` : " (tutta l'installazione)";
    io.out(`Account creato: ${a.email}, ruolo ${a.role}${where}, id ${id}. Accedi da /backoffice/accesso.`);
    return 0;
  } catch (err) {
    io.err(`Errore: account non creato: ${(err as Error).message}`);
    return 1;
  } finally {
    await opened.close();
  }
}

/** Reads one line from stdin (prompting when it is a terminal); null when stdin is closed or empty. */
function readLine(prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: Boolean(process.stdin.isTTY) });
    let answered = false;
    rl.on("line", (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.on("close", () => { if (!answered) resolve(null); });
    if (process.stdin.isTTY) {
      rl.setPrompt(prompt);
      rl.prompt();
    }
  });
}

function processIo(): StaffCreateIo {
  return {
    env: process.env,
    async askPassword() {
      const first = await readLine(`Password (almeno ${MIN_PASSWORD} caratteri): `);
      if (first === null || !process.stdin.isTTY) return first;
      const again = await readLine("Ripeti la password: ");
      if (again !== first) throw new Error("le due password non coincidono");
      return first;
    },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    async open() {
      const { services, handle } = await bootServices(loadConfig(process.env));
      return { services, close: () => handle.close() };
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await main(process.argv.slice(2)));
}
