import { data, Form, useNavigation } from "react-router";
import { HSDS_UPLOAD_FIELD, HSDS_UPLOAD_MAX_BYTES, importHsdsUpload } from "@modules/hsds";
import { requireStaff, sectionRoles } from "@modules/identity";
import { logger } from "@platform/log/logger";
import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice.importa";

export const handle = { backoffice: true };

const PATH = "/backoffice/importa";
const EXPORT_URL = "/api/hsds/export.json";
/** Warnings shown on the page; the rest are counted. */
const SHOWN_WARNINGS = 50;

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "Importa servizi (HSDS 3.0)" }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireStaff(request, context, { roles: sectionRoles(PATH) });
  return { title: context.t("hsds.upload.title"), field: HSDS_UPLOAD_FIELD, maxMb: Math.round(HSDS_UPLOAD_MAX_BYTES / 1024 / 1024) };
}

/** Imports the uploaded JSON file or tabular package and answers with the report (or a 400/413). */
export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireStaff(request, context, { roles: sectionRoles(PATH), mode: "write" });
  const result = await importHsdsUpload(context.app.db, request);
  if (!result.ok) {
    return data({ ok: false as const, error: `hsds.upload.errors.${result.error}`, detail: result.detail ?? "" }, { status: result.status });
  }
  const { report, files } = result;
  logger.info(
    { user: session.user.email, files, total: report.total, imported: report.imported, updated: report.updated, failed: report.failed.length },
    "HSDS import by upload",
  );
  return {
    ok: true as const,
    files,
    total: report.total,
    imported: report.imported,
    updated: report.updated,
    failed: report.failed.map((f) => ({ ref: f.ref, index: f.index, code: f.code, reason: f.reason })),
    warnings: report.warnings.slice(0, SHOWN_WARNINGS),
    moreWarnings: Math.max(0, report.warnings.length - SHOWN_WARNINGS),
  };
}

export default function ImportServices({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  const { field, maxMb } = loaderData;
  const result = actionData?.ok ? actionData : null;
  const error = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <PageTitle title={t("hsds.upload.title")} lead={t("hsds.upload.lead")} crumbs={[{ to: "/backoffice", label: t("identity.area") }]} />
      <div className="container px-4 mb-5">
        <Form method="post" encType="multipart/form-data" className="mb-4">
          <div className="mb-3">
            <label htmlFor="hsds-files" className="form-label fw-semibold d-block">{t("hsds.upload.fileLabel")}</label>
            <input
              id="hsds-files" name={field} type="file" multiple required aria-required="true"
              accept=".json,.csv,application/json,text/csv"
              className="form-control"
              aria-describedby={error ? "hsds-files-hint import-error" : "hsds-files-hint"}
              aria-invalid={error ? true : undefined}
            />
            <small id="hsds-files-hint" className="form-text d-block">{t("hsds.upload.fileHint", { max: maxMb })}</small>
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t("hsds.upload.submitting") : t("hsds.upload.submit")}
          </button>
        </Form>

        {error ? (
          <div id="import-error" className="alert alert-danger" role="alert">
            <p className="fw-semibold mb-1">{t("hsds.upload.errorTitle")}</p>
            <p className="mb-0">{t(error.error, { detail: error.detail, max: maxMb })}</p>
          </div>
        ) : null}

        <div role="status" aria-live="polite" aria-atomic="true" data-testid="import-summary">
          {result ? (
            <>
              <h2 className="h4">{t("hsds.upload.resultTitle")}</h2>
              <ul className="list-unstyled mb-2">
                <li><strong>{t("hsds.upload.imported", { count: result.imported })}</strong></li>
                <li><strong>{t("hsds.upload.updated", { count: result.updated })}</strong></li>
                <li><strong>{t("hsds.upload.failed", { count: result.failed.length })}</strong></li>
              </ul>
              <p className="small mb-0">
                {t("hsds.upload.total", { count: result.total })}
                {" · "}
                <span dir="ltr">{t("hsds.upload.filesRead", { files: result.files.join(", ") })}</span>
              </p>
            </>
          ) : null}
        </div>

        {result ? (
          <section className="mt-4" aria-labelledby="failures-heading">
            <h2 id="failures-heading" className="h4">{t("hsds.upload.failuresTitle")}</h2>
            {result.failed.length === 0 ? <p>{t("hsds.upload.noFailures")}</p> : (
              <div className="table-responsive">
                <table className="table" data-testid="import-failures">
                  <caption>{t("hsds.upload.failuresCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("hsds.upload.colRef")}</th>
                      <th scope="col">{t("hsds.upload.colReason")}</th>
                      <th scope="col">{t("hsds.upload.colDetail")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.failed.map((f) => (
                      <tr key={`${f.index}-${f.ref}`}>
                        <th scope="row"><code dir="ltr" className="text-break">{f.ref}</code></th>
                        <td>{t(`hsds.import.errors.${f.code}`)}</td>
                        <td><span dir="ltr" className="text-break">{f.reason}</span></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {result.warnings.length ? (
              <details className="mt-3">
                <summary>{t("hsds.upload.warningsTitle")} ({result.warnings.length + result.moreWarnings})</summary>
                <p className="mt-2">{t("hsds.upload.warningsLead")}</p>
                <ul>
                  {result.warnings.map((w, i) => (
                    <li key={i}><code dir="ltr">{w.ref}</code>: <span dir="ltr">{w.message}</span></li>
                  ))}
                </ul>
                {result.moreWarnings ? <p>{t("hsds.upload.warningsMore", { count: result.moreWarnings })}</p> : null}
              </details>
            ) : null}
          </section>
        ) : null}

        <section className="mt-5" aria-labelledby="export-heading">
          <h2 id="export-heading" className="h4">{t("hsds.upload.exportTitle")}</h2>
          <p>{t("hsds.upload.exportHint")}</p>
          <a href={EXPORT_URL} className="btn btn-outline-primary" download>{t("hsds.upload.export")}</a>
        </section>
      </div>
    </>
  );
}
