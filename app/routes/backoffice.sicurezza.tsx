import { data, Form, redirect, useNavigation } from "react-router";
import {
  codeInput, disableTotp, findTwoFactorState, passwordInput, requireStaff, startTotpSetup, verifySecondFactor,
} from "@modules/identity";
import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice.sicurezza";

export const handle = { backoffice: true };

const PATH = "/backoffice/sicurezza";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "Sicurezza dell'account" }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireStaff(request, context);
  const status = new URL(request.url).searchParams.get("stato");
  return {
    title: context.t("identity.security.title"),
    state: await findTwoFactorState(context.app.db, session.user.id),
    notice: status === "attivata" ? "identity.security.enabled" : status === "disattivata" ? "identity.security.disabled" : null,
  };
}

interface Setup { totpURI: string; secret: string; backupCodes: string[] }
type ActionResult =
  | { intent: "start" | "disable"; error: string; setup?: undefined }
  | { intent: "confirm"; error: string | null; setup: Setup };

/** otpauth://totp/... as returned by the enable step; echoed back only to redisplay it. */
function echoedSetup(form: Record<string, FormDataEntryValue>): Setup | null {
  const uri = typeof form.totpURI === "string" ? form.totpURI : "";
  if (!/^otpauth:\/\/totp\/[^\s]{1,300}$/.test(uri)) return null;
  const secret = new URL(uri).searchParams.get("secret") ?? "";
  return /^[A-Z2-7]+=*$/.test(secret) ? { totpURI: uri, secret, backupCodes: [] } : null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireStaff(request, context);
  const form = Object.fromEntries(await request.formData());
  const caller = { request, clientIp: context.clientIp };

  if (form.intent === "confirm") {
    const setup = echoedSetup(form);
    if (!setup) return data<ActionResult>({ intent: "start", error: "errors.badRequest" }, { status: 400 });
    const parsed = codeInput.safeParse(form);
    if (!parsed.success) return data<ActionResult>({ intent: "confirm", error: parsed.error.issues[0]!.message, setup }, { status: 400 });
    const outcome = await verifySecondFactor(context.app, caller, parsed.data);
    if (!outcome.ok) return data<ActionResult>({ intent: "confirm", error: outcome.error, setup }, { status: outcome.status, headers: outcome.headers });
    // Confirming rotates the session: forward the new cookie.
    return redirect(`${PATH}?stato=attivata`, { status: 303, headers: outcome.headers });
  }

  const intent = form.intent === "disable" ? "disable" : "start";
  const parsed = passwordInput.safeParse(form);
  if (!parsed.success) return data<ActionResult>({ intent, error: parsed.error.issues[0]!.message }, { status: 400 });
  if (intent === "disable") {
    const outcome = await disableTotp(context.app, caller, parsed.data);
    if (!outcome.ok) return data<ActionResult>({ intent, error: outcome.error }, { status: outcome.status, headers: outcome.headers });
    return redirect(`${PATH}?stato=disattivata`, { status: 303, headers: outcome.headers });
  }
  const setup = await startTotpSetup(context.app, caller, parsed.data);
  if (!setup.ok) return data<ActionResult>({ intent, error: setup.error }, { status: setup.status, headers: setup.headers });
  // Shown once, in the answer to this POST (never stored in a URL or a log).
  const { totpURI, secret, backupCodes } = setup;
  return data<ActionResult>({ intent: "confirm", error: null, setup: { totpURI, secret, backupCodes } }, {
    headers: { "Cache-Control": "no-store" },
  });
}

function PasswordForm(props: { intent: "start" | "disable"; title: string; lead: string; submit: string; error?: string | null; busy: boolean }) {
  const { t } = useI18n();
  const id = `security-${props.intent}-password`;
  return (
    <section aria-labelledby={`${id}-title`} className="mb-5">
      <h2 id={`${id}-title`} className="h4">{props.title}</h2>
      <p>{props.lead}</p>
      <Form method="post" noValidate className="col-lg-6">
        <input type="hidden" name="intent" value={props.intent} />
        <div className="form-group">
          <label htmlFor={id} className="active">{t("identity.signIn.password")}</label>
          <input
            id={id} name="password" type="password" className="form-control" autoComplete="current-password" required aria-required="true"
            aria-invalid={props.error ? true : undefined} aria-describedby={props.error ? `${id}-error` : undefined}
          />
          {props.error ? <div id={`${id}-error`} className="text-danger" role="alert">{t(props.error)}</div> : null}
        </div>
        <button type="submit" className={props.intent === "disable" ? "btn btn-outline-danger" : "btn btn-primary"} disabled={props.busy}>{props.submit}</button>
      </Form>
    </section>
  );
}

function SetupStep(props: { setup: Setup; error: string | null; busy: boolean }) {
  const { t } = useI18n();
  const { setup } = props;
  return (
    <section aria-labelledby="totp-setup-title" className="mb-5">
      <h2 id="totp-setup-title" className="h4">{t("identity.security.setupTitle")}</h2>
      <p>{t("identity.security.setupLead")}</p>
      <dl>
        <dt>{t("identity.security.uri")}</dt>
        <dd><code dir="ltr" className="text-break" data-testid="totp-uri">{setup.totpURI}</code></dd>
        <dt>{t("identity.security.secret")}</dt>
        <dd>
          <code dir="ltr" className="fs-5" data-testid="totp-secret">{setup.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
          <div className="small">{t("identity.security.secretHint")}</div>
        </dd>
        {setup.backupCodes.length ? (
          <>
            <dt>{t("identity.security.backupCodes")}</dt>
            <dd>
              <p className="small mb-1">{t("identity.security.backupHint")}</p>
              <ul className="list-inline" dir="ltr">
                {setup.backupCodes.map((c) => <li key={c} className="list-inline-item"><code>{c}</code></li>)}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <Form method="post" noValidate className="col-lg-6">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="totpURI" value={setup.totpURI} />
        <p>{t("identity.security.confirmLead")}</p>
        <div className="form-group">
          <label htmlFor="security-code" className="active">{t("identity.signIn.code")}</label>
          <input
            id="security-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" className="form-control"
            required aria-required="true" maxLength={24}
            aria-invalid={props.error ? true : undefined} aria-describedby={props.error ? "security-code-error" : undefined}
          />
          {props.error ? <div id="security-code-error" className="text-danger" role="alert">{t(props.error)}</div> : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={props.busy}>{t("identity.security.confirm")}</button>
      </Form>
    </section>
  );
}

export default function Security({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  const { state, notice } = loaderData;
  const result = actionData as ActionResult | undefined;
  return (
    <>
      <PageTitle title={t("identity.security.title")} lead={t("identity.security.lead")} crumbs={[{ to: "/backoffice", label: t("identity.area") }]} />
      <div className="container px-4 mb-5">
        {notice && !result ? <div className="alert alert-success" role="status">{t(notice)}</div> : null}
        <p className="fw-semibold" data-testid="totp-state">
          {state === "on" ? t("identity.security.statusOn") : t("identity.security.statusOff")}
        </p>
        {state === "pending" && !result?.setup ? <p>{t("identity.security.statusPending")}</p> : null}
        {result?.setup ? (
          <SetupStep setup={result.setup} error={result.error} busy={busy} />
        ) : state === "on" ? (
          <PasswordForm
            intent="disable" title={t("identity.security.disableTitle")} lead={t("identity.security.disableLead")}
            submit={t("identity.security.disable")} error={result?.intent === "disable" ? result.error : null} busy={busy}
          />
        ) : (
          <PasswordForm
            intent="start" title={t("identity.security.enableTitle")} lead={t("identity.security.enableLead")}
            submit={t("identity.security.start")} error={result?.intent === "start" ? result.error : null} busy={busy}
          />
        )}
      </div>
    </>
  );
}
