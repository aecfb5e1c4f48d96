import { Link } from "react-router";
import leafletCss from "leaflet/dist/leaflet.css?url";
import directoryCss from "~/styles/directory.css?url";
import {
  findCenterBySlug, findPrimaryNetwork, listCenterFunding, listMunicipalitiesByIstat,
} from "@modules/network";
import { isStale, listPlaces, listRecentServices, upcomingDays } from "@modules/directory";
import { PageTitle } from "~/components/page-title";
import { PlacesMap } from "~/components/places-map";
import { UpcomingHours, WeeklyHours } from "~/components/opening-hours";
import { ServiceCard } from "~/components/service-card";
import { formatEuro, mapLink, paragraphs } from "~/lib/directory-format";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/centri.$slug";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: directoryCss },
];

export function meta({ data: d }: Route.MetaArgs) {
  if (!d) return [{ title: "Centro non trovato" }];
  return [
    { title: `${d.center.name} · ${d.networkName}` },
    { name: "description", content: d.center.description.split("\n")[0] ?? "" },
  ];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { db, config } = context.app;
  const found = await findCenterBySlug(db, params.slug);
  if (!found) throw new Response("Not Found", { status: 404 });
  const { center, municipality, sites } = found;
  const now = new Date();
  const [network, places, funding, territory, services] = await Promise.all([
    findPrimaryNetwork(db),
    listPlaces(db, sites.map((s) => s.locationId)),
    listCenterFunding(db, center.id),
    listMunicipalitiesByIstat(db, center.territory),
    listRecentServices(db, { organizationId: center.organizationId, limit: 24 }),
  ]);
  return {
    networkName: network?.name ?? "Crocevia",
    center,
    municipality: { name: municipality.name, province: municipality.province },
    sites: sites.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      hours: s.openingHours.map((h) => ({ byday: h.days, opensAt: h.opens, closesAt: h.closes })),
      place: places.find((p) => p.id === s.locationId) ?? null,
      rooms: s.rooms.map((r) => ({ name: r.name, accessible: r.accessible })),
    })),
    days: upcomingDays(now, 7),
    funding,
    territory: territory.map((m) => m.name),
    services: services.map((s) => ({ ...s, stale: isStale(s.lastVerifiedAt, now, config.STALE_AFTER_DAYS) })),
    tileUrl: config.MAP_TILE_URL,
  };
}

export default function CenterPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { center, sites } = loaderData;
  const itOnly = locale !== "it" ? "it" : undefined;
  const fundingYears = [...new Set(loaderData.funding.map((f) => f.year))];
  const located = sites.filter((s) => s.place?.lat !== null && s.place?.lng !== null && s.place);
  return (
    <>
      <PageTitle title={center.name} crumbs={[{ to: "/centri", label: t("nav.centers") }]} lead={`${loaderData.municipality.name} (${loaderData.municipality.province})`} />
      <div className="container px-4 mb-5">
        <div className="row">
          <div className="col-12 col-lg-8">
            <section className="mb-5" aria-labelledby="who-title">
              <h2 id="who-title">{t("directory.centers.who")}</h2>
              {paragraphs(center.description).map((p, i) => <p key={i} lang={itOnly}>{p}</p>)}
              <dl className="row">
                <dt className="col-sm-4">{t("directory.centers.managingBody")}</dt>
                <dd className="col-sm-8">{center.managingBodyName} <span className="badge bg-primary ms-1">{t(`directory.centers.kind.${center.managingBodyKind}`)}</span></dd>
              </dl>
            </section>

            <section className="mb-5" aria-labelledby="hours-title">
              <h2 id="hours-title">{t("directory.centers.hours")}</h2>
              {sites.map((s) => (
                <div key={s.id} className="mb-4">
                  <h3 className="h5">{s.name} <span className="badge bg-secondary ms-1">{t(`directory.centers.siteKind.${s.kind}`)}</span></h3>
                  <WeeklyHours slots={s.hours} />
                  <details className="mt-2">
                    <summary>{t("directory.centers.nextDays")}</summary>
                    <UpcomingHours days={loaderData.days} slots={s.hours} caption={t("directory.centers.nextDaysOf", { name: s.name })} />
                  </details>
                </div>
              ))}
            </section>

            <section className="mb-5" aria-labelledby="reach-title">
              <h2 id="reach-title">{t("directory.centers.reach")}</h2>
              {paragraphs(center.howToReach).map((p, i) => <p key={i} lang={itOnly}>{p}</p>)}
              <PlacesMap
                label={t("directory.centers.mapLabel", { name: center.name })}
                tileUrl={loaderData.tileUrl}
                height={300}
                places={located.map((s) => ({ id: s.id, name: s.name, address: s.place!.address, lat: s.place!.lat!, lng: s.place!.lng!, links: [] }))}
              />
              <ul className="list-unstyled">
                {sites.map((s) => s.place ? (
                  <li key={s.id} className="mb-3">
                    <span className="fw-semibold">{s.name}</span>: {s.place.address}, {[s.place.postalCode, s.place.municipalityName].filter(Boolean).join(" ")}
                    {s.place.lat !== null && s.place.lng !== null ? (
                      <> · <a href={mapLink(s.place.lat, s.place.lng)} rel="noopener">{t("directory.service.mapLink", { name: s.name })}</a></>
                    ) : null}
                    {s.rooms.length ? (
                      <span className="d-block small text-muted">{t("directory.centers.rooms")}: {s.rooms.map((r) => r.name).join(", ")}</span>
                    ) : null}
                  </li>
                ) : null)}
              </ul>
            </section>

            <section className="mb-5" aria-labelledby="services-title">
              <h2 id="services-title">{t("directory.centers.whatsOn")}</h2>
              {loaderData.services.length ? (
                <ul className="row list-unstyled">
                  {loaderData.services.map((s) => (
                    <li key={s.id} className="col-12 col-md-6 mb-3">
                      <ServiceCard service={s} headingLevel={3} />
                    </li>
                  ))}
                </ul>
              ) : <p>{t("directory.centers.noServices")}</p>}
            </section>
          </div>

          <aside className="col-12 col-lg-4">
            <section className="card card-bg rounded shadow-sm mb-4" aria-labelledby="contacts-title">
              <div className="card-body">
                <h2 id="contacts-title" className="h4">{t("directory.centers.contacts")}</h2>
                <ul className="list-unstyled mb-0">
                  {center.phone ? <li>{t("directory.service.phone")}: <a href={`tel:${center.phone.replace(/\s+/g, "")}`}>{center.phone}</a></li> : null}
                  {center.email ? <li>{t("directory.service.email")}: <a href={`mailto:${center.email}`}>{center.email}</a></li> : null}
                  {center.website ? <li><a href={center.website} rel="noopener">{t("directory.centers.website")}</a></li> : null}
                </ul>
              </div>
            </section>
            <section className="mb-4" aria-labelledby="territory-title">
              <h2 id="territory-title" className="h4">{t("directory.centers.territory")}</h2>
              {loaderData.territory.length ? <p>{loaderData.territory.join(", ")}</p> : <p>{t("directory.service.notSpecified")}</p>}
            </section>
            <section className="mb-4" aria-labelledby="funding-title">
              <h2 id="funding-title" className="h4">{t("directory.centers.funding")}</h2>
              {fundingYears.length ? fundingYears.map((year) => (
                <div key={year}>
                  <h3 className="h6">{year}</h3>
                  <ul>
                    {loaderData.funding.filter((f) => f.year === year).map((f) => (
                      <li key={`${f.source}-${year}`}><span lang={itOnly}>{f.source}</span>: {formatEuro(f.amountCents, locale)}</li>
                    ))}
                  </ul>
                </div>
              )) : <p>{t("directory.service.notSpecified")}</p>}
            </section>
            <p><Link to="/orientamento" className="btn btn-outline-primary">{t("nav.orientation")}</Link></p>
          </aside>
        </div>
      </div>
    </>
  );
}
