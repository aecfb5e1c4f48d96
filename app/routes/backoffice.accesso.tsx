import { data, Form, Link, redirect, useNavigation } from "react-router";
import {
  codeInput, getStaffSession, safeBackofficePath, signInInput, signInWithPassword, verifySecondFactor,
} from "@modules/identity";
import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice.accesso";

export const handle = { backoffice: true };

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "Accesso all'area operatori" }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const redirectTo = safeBackofficePath(url.searchParams.get("redirectTo"));
  if (await getStaffSession(request, context.app)) throw redirect(redirectTo);
  return {
    title: context.t("identity.signIn.title"),
    step: url.searchParams.get("passo") === "codice" ? ("code" as const) : ("password" as const),
    redirectTo,
    signedOut: url.searchParams.has("uscito"),
  };
}

type Step = "password" | "code";
interface ActionResult { step: Step; error: string; fieldErrors: Record<string, string>; email: string }

function failed(step: Step, status: number, error: string, extra: Partial<ActionResult> = {}, headers?: Headers) {
  return data<ActionResult>({ step, error, fieldErrors: {}, email: "", ...extra }, { status, headers });
}

/** Password step, then (for accounts with TOTP) the code step; each redirects after success. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await request.formData());
  const redirectTo = safeBackofficePath(form.redirectTo);
  const caller = { request, clientIp: context.clientIp };

  if (form.intent === "code") {
    const parsed = codeInput.safeParse(form);
    if (!parsed.success) return failed("code", 400, "errors.formInvalid", { fieldErrors: { code: parsed.error.issues[0]!.message } });
    const outcome = await verifySecondFactor(context.app, caller, parsed.data);
    if (outcome.ok) return redirect(redirectTo, { status: 303, headers: outcome.headers });
    const restart = outcome.error === "identity.errors.codeExpired" || outcome.error === "identity.errors.tooManyCodes";
    return failed(restart ? "password" : "code", outcome.status, outcome.error, {}, outcome.headers);
  }

  const email = typeof form.email === "string" ? form.email.slice(0, 254) : "";
  const parsed = signInInput.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return failed("password", 400, "errors.formInvalid", { fieldErrors, email });
  }
  const outcome = await signInWithPassword(context.app, caller, parsed.data);
  if (!outcome.ok) return failed("password", outcome.status, outcome.error, { email }, outcome.headers);
  if (outcome.twoFactor) {
    const next = `/backoffice/accesso?passo=codice&redirectTo=${encodeURIComponent(redirectTo)}`;
    return redirect(next, { status: 303, headers: outcome.headers });
  }
  return redirect(redirectTo, { status: 303, headers: outcome.headers });
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  const step = actionData?.step ?? loaderData.step;
  const fieldErrors = actionData?.fieldErrors ?? {};
  const fieldError = (name: string) =>
    fieldErrors[name] ? <div className="form-feedback just-validate-error-label text-danger" id={`signin-${name}-error`}>{t(fieldErrors[name]!)}</div> : null;
  const described = (name: string) => (fieldErrors[name] ? { "aria-invalid": true as const, "aria-describedby": `signin-${name}-error` } : {});

  return (
    <>
      <PageTitle
        title={step === "code" ? t("identity.signIn.codeTitle") : t("identity.signIn.title")}
        lead={step === "code" ? t("identity.signIn.codeLead") : t("identity.signIn.lead")}
      />
      <div className="container px-4 mb-5">
        <div className="col-lg-6">
          {loaderData.signedOut && !actionData ? <div className="alert alert-success" role="status">{t("identity.signIn.signedOut")}</div> : null}
          {actionData?.error ? <div className="alert alert-danger" role="alert">{t(actionData.error)}</div> : null}
          {step === "code" ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="code" />
              <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
              <div className="form-group">
                <label htmlFor="signin-code" className="active">{t("identity.signIn.code")}</label>
                <input
                  id="signin-code" name="code" type="text" className="form-control" inputMode="numeric" autoComplete="one-time-code"
                  required aria-required="true" maxLength={24} {...described("code")}
                />
                <small className="form-text">{t("identity.signIn.codeHint")}</small>
                {fieldError("code")}
              </div>
              <button type="submit" className="btn btn-primary" disabled={busy}>{t("identity.signIn.verify")}</button>
              <p className="mt-4"><Link to="/backoffice/accesso">{t("identity.signIn.restart")}</Link></p>
            </Form>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="password" />
              <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
              <div className="form-group">
                <label htmlFor="signin-email" className="active">{t("identity.signIn.email")}</label>
                <input
                  id="signin-email" name="email" type="email" className="form-control" autoComplete="username" required aria-required="true"
                  defaultValue={actionData?.email ?? ""} {...described("email")}
                />
                {fieldError("email")}
              </div>
              <div className="form-group">
                <label htmlFor="signin-password" className="active">{t("identity.signIn.password")}</label>
                <input
                  id="signin-password" name="password" type="password" className="form-control" autoComplete="current-password"
                  required aria-required="true" {...described("password")}
                />
                {fieldError("password")}
              </div>
              <button type="submit" className="btn btn-primary" disabled={busy}>{t("identity.signIn.submit")}</button>
              <p className="mt-4 text-muted">{t("identity.signIn.citizenNote")}</p>
            </Form>
          )}
        </div>
      </div>
    </>
  );
}
