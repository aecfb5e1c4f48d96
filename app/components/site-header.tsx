import { Form, Link, NavLink, useLocation } from "react-router";
import { LOCALES, LOCALE_NAMES } from "@platform/i18n/locales";
import { useI18n } from "~/lib/i18n";
import { Icon } from "./icon";

export function SiteHeader(props: { networkName: string }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="it-header-wrapper" data-element="header">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <span className="d-none d-lg-block navbar-brand">{props.networkName}</span>
                <div className="it-header-slim-right-zone" role="navigation" aria-label={t("app.language")}>
                  <Form method="post" action="/lingua" className="d-flex align-items-center gap-1">
                    <input type="hidden" name="redirectTo" value={here} />
                    <span className="visually-hidden">{t("app.changeLanguage")}</span>
                    {LOCALES.map((l) => (
                      <button
                        key={l}
                        type="submit"
                        name="lang"
                        value={l}
                        lang={l}
                        className={`btn btn-sm btn-link text-white ${l === locale ? "fw-bold text-decoration-underline" : ""}`}
                        aria-current={l === locale ? "true" : undefined}
                      >
                        {LOCALE_NAMES[l]}
                      </button>
                    ))}
                  </Form>
                  <Link className="btn btn-primary btn-icon btn-full" to="/backoffice" data-element="personal-area-login" aria-label={t("app.staffLogin")}>
                    <span className="rounded-icon" aria-hidden="true">
                      <Icon name="it-user" className="icon-primary" />
                    </span>
                    <span className="d-none d-lg-block">{t("app.staffLogin")}</span>
                  </Link>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <Link to="/">
                      <Icon name="it-pa" />
                      <div className="it-brand-text">
                        <div className="it-brand-title">{props.networkName}</div>
                        <div className="it-brand-tagline d-none d-md-block">{t("app.tagline")}</div>
                      </div>
                    </Link>
                  </div>
                  <div className="it-right-zone">
                    <div className="it-search-wrapper">
                      <span className="d-none d-md-block">{t("common.search")}</span>
                      <Link className="search-link rounded-icon" to="/servizi" aria-label={t("common.search")}>
                        <Icon name="it-search" />
                      </Link>
                    </div>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        {/* A plain wrapping link list: usable on a phone without the JavaScript hamburger menu. */}
        <nav className="site-nav bg-primary" aria-label={t("app.menu")}>
          <div className="container">
            <ul className="nav flex-wrap" data-element="main-navigation">
              <li className="nav-item"><NavLink className="nav-link" to="/servizi" data-element="all-services">{t("nav.services")}</NavLink></li>
              <li className="nav-item"><NavLink className="nav-link" to="/orientamento">{t("nav.orientation")}</NavLink></li>
              <li className="nav-item"><NavLink className="nav-link" to="/centri">{t("nav.centers")}</NavLink></li>
            </ul>
          </div>
        </nav>
      </div>
    </header>
  );
}
