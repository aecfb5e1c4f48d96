import { Link } from "react-router";
import { useI18n } from "~/lib/i18n";

/** Breadcrumb and page heading, as on Designers Italia pages. */
export function PageTitle(props: { title: string; crumbs?: { to: string; label: string }[]; lead?: string; titleElement?: string }) {
  const { t } = useI18n();
  return (
    <div className="container px-4 my-4">
      <nav className="breadcrumb-container" aria-label={t("app.breadcrumb")}>
        <ol className="breadcrumb p-0" data-element="breadcrumb">
          <li className="breadcrumb-item"><Link to="/">{t("app.home")}</Link><span className="separator">/</span></li>
          {props.crumbs?.map((c) => (
            <li className="breadcrumb-item" key={c.to}><Link to={c.to}>{c.label}</Link><span className="separator">/</span></li>
          ))}
          <li className="breadcrumb-item active" aria-current="page">{props.title}</li>
        </ol>
      </nav>
      <h1 className="title-xxxlarge" data-element={props.titleElement}>{props.title}</h1>
      {props.lead ? <p className="lead">{props.lead}</p> : null}
    </div>
  );
}
