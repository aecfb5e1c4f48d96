import { Form, Link } from "react-router";
import { findPrimaryNetwork, listCenters } from "@modules/network";
import { listRecentServices, listTopCategories } from "@modules/directory";
import { ServiceCard } from "~/components/service-card";
import { Icon } from "~/components/icon";
import { localized, useI18n } from "~/lib/i18n";
import type { Route } from "./+types/_index";

export function meta({ data }: Route.MetaArgs) {
  return [
    { title: data?.network?.name ?? "Crocevia" },
    { name: "description", content: data?.network?.description ?? "" },
  ];
}

export async function loader({ context }: Route.LoaderArgs) {
  const network = await findPrimaryNetwork(context.app.db);
  const [centers, categories, recent] = network
    ? await Promise.all([listCenters(context.app.db, network.id), listTopCategories(context.app.db, network.serviceTaxonomyId), listRecentServices(context.app.db, { limit: 4 })])
    : [[], [], []];
  return { network, centers, categories, recent };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { network, centers, categories, recent } = loaderData;
  return (
    <>
      <section className="it-hero-wrapper it-hero-small-size bg-primary" aria-labelledby="home-title">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-hero-text-wrapper bg-dark-opacity-0 text-white py-5">
                <h1 id="home-title" className="text-white">{network?.name ?? t("app.name")}</h1>
                <p className="d-none d-md-block text-white">{t("home.lead")}</p>
                <Form method="get" action="/servizi" role="search" className="mt-4">
                  <label htmlFor="home-search" className="text-white fw-semibold d-block mb-2">{t("home.searchLabel")}</label>
                  <div className="input-group">
                    <input id="home-search" name="q" type="search" className="form-control" placeholder={t("home.searchPlaceholder")} autoComplete="off" />
                    <div className="input-group-append">
                      <button className="btn btn-light" type="submit">
                        <Icon name="it-search" className="icon-primary me-1" />{t("common.search")}
                      </button>
                    </div>
                  </div>
                </Form>
                <p className="mt-3 mb-0">
                  <Link className="btn btn-outline-light" to="/orientamento">{t("nav.orientation")}</Link>
                </p>
              </div>
            </div>
          </div>
        </div>
      </section>

      <section className="container py-5" aria-labelledby="categories-title">
        <h2 id="categories-title" className="title-xlarge mb-4">{t("home.categories")}</h2>
        <ul className="row list-unstyled">
          {categories.map((c) => (
            <li key={c.id} className="col-12 col-md-6 col-lg-4 mb-3">
              <Link to={`/servizi?categoria=${encodeURIComponent(c.code)}`} className="card card-teaser shadow rounded text-decoration-none h-100 p-3">
                <span className="card-title h5 text-primary">{localized(c.name, c.translations, locale, "name")}</span>
                <span className="card-text">{t("home.servicesCount", { count: c.serviceCount })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {recent.length ? (
        <section className="container pb-5" aria-labelledby="whats-on-title">
          <h2 id="whats-on-title" className="title-xlarge mb-4">{t("directory.home.whatsOn")}</h2>
          <ul className="row list-unstyled">
            {recent.map((s) => (
              <li key={s.id} className="col-12 col-md-6 col-lg-3 mb-3"><ServiceCard service={s} headingLevel={3} /></li>
            ))}
          </ul>
          <p><Link to="/servizi" className="btn btn-outline-primary">{t("directory.home.allServices")}</Link></p>
        </section>
      ) : null}

      <section className="bg-light py-5" aria-labelledby="centers-title">
        <div className="container">
          <h2 id="centers-title" className="title-xlarge mb-4">{t("nav.centers")}</h2>
          <ul className="row list-unstyled">
            {centers.map(({ center, municipality }) => (
              <li key={center.id} className="col-12 col-md-6 col-lg-4 mb-3">
                <div className="card shadow rounded h-100">
                  <div className="card-body">
                    <h3 className="card-title h5"><Link to={`/centri/${center.slug}`}>{center.name}</Link></h3>
                    <p className="card-text">{municipality.name}</p>
                    <p className="card-text small">{center.managingBodyName}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <p><Link to="/centri" className="btn btn-outline-primary">{t("directory.home.allCenters")}</Link></p>
        </div>
      </section>
    </>
  );
}
