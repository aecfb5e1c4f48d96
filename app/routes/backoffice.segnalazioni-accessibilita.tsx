import { data, Form, redirect, useNavigation } from "react-router";
import { accessibilityAnswerInput, answerAccessibilityReport, listAccessibilityReports } from "@modules/portal";
import { requireStaff, sectionRoles } from "@modules/identity";
import { PageTitle } from "~/components/page-title";
import { formatDate, useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice.segnalazioni-accessibilita";

export const handle = { backoffice: true };

const PATH = "/backoffice/segnalazioni-accessibilita";
const DAY = 24 * 3600 * 1000;

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "Segnalazioni di accessibilità" }, { name: "robots", content: "noindex" }];
}

/** Whole days from now to the deadline in Europe/Rome calendar terms (negative: overdue). */
function daysLeft(dueAt: Date, now: Date): number {
  const day = (d: Date) => Date.parse(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(d));
  return Math.round((day(dueAt) - day(now)) / DAY);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireStaff(request, context, { roles: sectionRoles(PATH) });
  const now = new Date();
  const reports = (await listAccessibilityReports(context.app.db)).map((r) => ({
    id: r.id, pageUrl: r.pageUrl, description: r.description, name: r.name, email: r.email, status: r.status,
    answer: r.answer, answeredBy: r.answeredBy, answeredAt: r.answeredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(), dueAt: r.dueAt.toISOString(),
    daysLeft: r.status === "open" ? daysLeft(r.dueAt, now) : null,
  }));
  const open = reports.filter((r) => r.status === "open");
  return {
    title: context.t("identity.a11yReports.title"),
    reports,
    open: open.length,
    overdue: open.filter((r) => r.daysLeft! < 0).length,
    answered: new URL(request.url).searchParams.get("risposta") === "ok",
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireStaff(request, context, { roles: sectionRoles(PATH), mode: "write" });
  const form = Object.fromEntries(await request.formData());
  const parsed = accessibilityAnswerInput.safeParse(form);
  const id = typeof form.id === "string" ? form.id : "";
  if (!parsed.success) {
    return data({ id, error: parsed.error.issues[0]!.message, answer: typeof form.answer === "string" ? form.answer : "" }, { status: 400 });
  }
  const ok = await answerAccessibilityReport(context.app.db, parsed.data, session.user.email);
  if (!ok) return data({ id, error: "identity.a11yReports.alreadyAnswered", answer: parsed.data.answer }, { status: 409 });
  return redirect(`${PATH}?risposta=ok#segnalazione-${parsed.data.id}`, 303);
}

export default function AccessibilityReports({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageTitle title={t("identity.a11yReports.title")} lead={t("identity.a11yReports.lead")} crumbs={[{ to: "/backoffice", label: t("identity.area") }]} />
      <div className="container px-4 mb-5">
        {loaderData.answered ? <div className="alert alert-success" role="status">{t("identity.a11yReports.answeredOk")}</div> : null}
        {loaderData.reports.length === 0 ? <p>{t("identity.a11yReports.empty")}</p> : (
          <>
            <p data-testid="a11y-summary">{t("identity.a11yReports.summary", { open: loaderData.open, overdue: loaderData.overdue })}</p>
            <ul className="list-unstyled">
              {loaderData.reports.map((r) => {
                const overdue = r.daysLeft !== null && r.daysLeft < 0;
                const error = actionData && actionData.id === r.id ? actionData.error : null;
                return (
                  <li key={r.id} id={`segnalazione-${r.id}`} className="mb-4">
                    <article className={`card card-bg shadow-sm ${overdue ? "border border-danger" : ""}`} aria-labelledby={`report-${r.id}-title`}>
                      <div className="card-body">
                        <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
                          <h2 id={`report-${r.id}-title`} className="h5 card-title mb-1">
                            {t("identity.a11yReports.page")}: <span dir="ltr" className="text-break">{r.pageUrl}</span>
                          </h2>
                          {r.status === "open" ? (
                            overdue
                              ? <span className="badge bg-danger">{t("identity.a11yReports.overdueBadge")}</span>
                              : <span className="badge bg-warning text-dark">{t("identity.a11yReports.open")}</span>
                          ) : <span className="badge bg-success">{t("identity.a11yReports.answered")}</span>}
                        </div>
                        <dl className="row mb-2 small">
                          <dt className="col-sm-4">{t("identity.a11yReports.received")}</dt>
                          <dd className="col-sm-8">{formatDate(r.createdAt, locale)}</dd>
                          <dt className="col-sm-4">{t("identity.a11yReports.due")}</dt>
                          <dd className="col-sm-8">
                            {formatDate(r.dueAt, locale)}
                            {r.daysLeft !== null ? (
                              <strong className={overdue ? "text-danger ms-2" : "ms-2"}>
                                ({r.daysLeft === 0
                                  ? t("identity.a11yReports.dueToday")
                                  : overdue
                                    ? t("identity.a11yReports.overdue", { count: -r.daysLeft })
                                    : t("identity.a11yReports.daysLeft", { count: r.daysLeft })})
                              </strong>
                            ) : null}
                          </dd>
                          <dt className="col-sm-4">{t("identity.a11yReports.reporter")}</dt>
                          <dd className="col-sm-8">{r.name ?? t("identity.a11yReports.anonymous")} · <span dir="ltr">{r.email}</span></dd>
                        </dl>
                        <h3 className="h6">{t("identity.a11yReports.description")}</h3>
                        <p className="card-text" style={{ whiteSpace: "pre-wrap" }}>{r.description}</p>
                        {r.status === "answered" ? (
                          <div className="callout note mt-3">
                            <p className="fw-semibold mb-1">
                              {t("identity.a11yReports.answeredOn", { date: r.answeredAt ? formatDate(r.answeredAt, locale) : "", by: r.answeredBy ?? "" })}
                            </p>
                            <p className="mb-0" style={{ whiteSpace: "pre-wrap" }}>{r.answer}</p>
                          </div>
                        ) : (
                          <Form method="post" noValidate className="mt-3">
                            <input type="hidden" name="id" value={r.id} />
                            <div className="form-group mb-2">
                              <label htmlFor={`answer-${r.id}`} className="active">{t("identity.a11yReports.answerLabel")}</label>
                              <textarea
                                id={`answer-${r.id}`} name="answer" className="form-control" rows={4} required aria-required="true"
                                defaultValue={error ? actionData!.answer : ""}
                                aria-invalid={error ? true : undefined}
                                aria-describedby={error ? `answer-${r.id}-error` : `answer-${r.id}-hint`}
                              />
                              <small id={`answer-${r.id}-hint`} className="form-text">{t("identity.a11yReports.answerHint")}</small>
                              {error ? <div id={`answer-${r.id}-error`} className="text-danger" role="alert">{t(error)}</div> : null}
                            </div>
                            <button type="submit" className="btn btn-primary" disabled={busy}>{t("identity.a11yReports.send")}</button>
                          </Form>
                        )}
                      </div>
                    </article>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
