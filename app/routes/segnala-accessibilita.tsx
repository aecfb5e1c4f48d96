import { data, Form, useActionData, useNavigation } from "react-router";
import { accessibilityReportInput, createAccessibilityReport } from "@modules/portal";
import { PageTitle } from "~/components/page-title";
import { formatDate, useI18n } from "~/lib/i18n";
import type { Route } from "./+types/segnala-accessibilita";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title }];
}

export function loader({ request, context }: Route.LoaderArgs) {
  return { page: new URL(request.url).searchParams.get("pagina") ?? "", title: context.t("a11y.title") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = accessibilityReportInput.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
    return data({ ok: false as const, errors, values }, { status: 400 });
  }
  const report = await createAccessibilityReport(context.app.db, parsed.data);
  return { ok: true as const, dueAt: report.dueAt.toISOString() };
}

export default function AccessibilityReport({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : { pageUrl: loaderData.page };
  if (result?.ok) {
    return (
      <>
        <PageTitle title={t("a11y.title")} />
        <div className="container px-4 mb-5">
          <div className="alert alert-success" role="status">
            <p className="h5">{t("a11y.received")}</p>
            <p className="mb-0">{t("a11y.deadline", { date: formatDate(result.dueAt, locale) })}</p>
          </div>
        </div>
      </>
    );
  }
  const field = (name: string) => ({
    id: `a11y-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `a11y-${name}-error` : undefined,
    defaultValue: (values as Record<string, string>)[name] ?? "",
  });
  const error = (name: string) =>
    errors[name] ? <div className="form-feedback just-validate-error-label text-danger" id={`a11y-${name}-error`}>{t(errors[name]!)}</div> : null;
  return (
    <>
      <PageTitle title={t("a11y.title")} lead={t("a11y.lead")} />
      <div className="container px-4 mb-5">
        {Object.keys(errors).length ? <div className="alert alert-danger" role="alert">{t("errors.formInvalid")}</div> : null}
        <Form method="post" noValidate className="col-lg-8">
          <div className="form-group">
            <label htmlFor="a11y-pageUrl" className="active">{t("a11y.pageUrl")}</label>
            <input type="text" className="form-control" required {...field("pageUrl")} />
            {error("pageUrl")}
          </div>
          <div className="form-group">
            <label htmlFor="a11y-description" className="active">{t("a11y.description")}</label>
            <textarea className="form-control" rows={5} required {...field("description")} />
            {error("description")}
          </div>
          <div className="form-group">
            <label htmlFor="a11y-name" className="active">{t("a11y.name")} ({t("common.optional")})</label>
            <input type="text" className="form-control" autoComplete="name" {...field("name")} />
          </div>
          <div className="form-group">
            <label htmlFor="a11y-email" className="active">{t("a11y.email")}</label>
            <input type="email" className="form-control" autoComplete="email" required {...field("email")} />
            {error("email")}
          </div>
          <div className="form-check mb-4">
            <input className="form-check-input" type="checkbox" id="a11y-consent" name="consent" aria-describedby={errors.consent ? "a11y-consent-error" : undefined} />
            <label className="form-check-label" htmlFor="a11y-consent">{t("a11y.consent")}</label>
            {error("consent")}
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>{t("common.send")}</button>
        </Form>
      </div>
    </>
  );
}
