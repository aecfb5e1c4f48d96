import { Link } from "react-router";
import directoryCss from "~/styles/directory.css?url";
import { findPrimaryNetwork } from "@modules/network";
import { findServiceBySlug, isStale, jsonForScript, serviceJsonLd } from "@modules/directory";
import { Icon } from "~/components/icon";
import { WeeklyHours } from "~/components/opening-hours";
import { AccessBadge, StaleBadge, statusKey } from "~/components/service-card";
import { contentLang, formatEuro, languageName, mapLink, paragraphs } from "~/lib/directory-format";
import { formatDate, localized, useI18n } from "~/lib/i18n";
import type { Route } from "./+types/servizi.$slug";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: directoryCss }];

export function meta({ data: d }: Route.MetaArgs) {
  if (!d) return [{ title: "Servizio non trovato" }];
  return [
    { title: `${d.title} · ${d.networkName}` },
    { name: "description", content: d.description },
  ];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { db, config } = context.app;
  const [service, network] = await Promise.all([findServiceBySlug(db, params.slug), findPrimaryNetwork(db)]);
  if (!service) throw new Response("Not Found", { status: 404 });
  const pageUrl = new URL(`/servizi/${service.slug}`, config.PUBLIC_URL).toString();
  return {
    service,
    networkName: network?.name ?? "Crocevia",
    title: localized(service.name, service.translations, context.locale, "name"),
    description: localized(service.shortDescription, service.translations, context.locale, "shortDescription"),
    stale: isStale(service.lastVerifiedAt, new Date(), config.STALE_AFTER_DAYS),
    jsonLd: jsonForScript(serviceJsonLd(service, pageUrl)),
  };
}

const SECTIONS = [
  "audience", "description", "howTo", "documents", "outcome", "timing", "costs", "access", "moreInfo", "conditions", "contacts",
] as const;
type SectionId = (typeof SECTIONS)[number];
const ANCHORS: Record<SectionId, string> = {
  audience: "a-chi-e-rivolto", description: "descrizione", howTo: "come-fare", documents: "cosa-serve", outcome: "cosa-si-ottiene",
  timing: "tempi-e-scadenze", costs: "costi", access: "accedi-al-servizio", moreInfo: "ulteriori-informazioni",
  conditions: "condizioni-di-servizio", contacts: "contatti",
};

export default function ServicePage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { service: s, stale } = loaderData;
  const itOnly = locale !== "it" ? "it" : undefined;
  const category = s.categories[0];
  const Text = (props: { text: string; fallback?: string }) => {
    const list = paragraphs(props.text);
    if (!list.length) return <p>{props.fallback ?? t("directory.service.notSpecified")}</p>;
    return <>{list.map((p, i) => <p key={i} lang={itOnly}>{p}</p>)}</>;
  };
  const section = (id: SectionId, body: React.ReactNode) => (
    <section id={ANCHORS[id]} className="it-page-section mb-5" aria-labelledby={`${ANCHORS[id]}-title`}>
      <h2 id={`${ANCHORS[id]}-title`} className="mb-3">{t(`directory.service.sections.${id}`)}</h2>
      {body}
    </section>
  );
  const ageText =
    s.minimumAge !== null && s.maximumAge !== null ? t("directory.service.ageRange", { min: s.minimumAge, max: s.maximumAge })
    : s.minimumAge !== null ? t("directory.service.ageFrom", { count: s.minimumAge })
    : s.maximumAge !== null ? t("directory.service.ageUpTo", { count: s.maximumAge })
    : t("directory.service.ageAny");
  const emails = [...new Set([s.email, ...s.contacts.map((c) => c.email)].filter((e): e is string => Boolean(e)))];
  const phones = [...new Set(s.phones.map((p) => p.number))];

  return (
    <>
      <script type="application/ld+json" data-element="metatag" dangerouslySetInnerHTML={{ __html: loaderData.jsonLd }} />
      <div className="container px-4 my-4">
        <nav className="breadcrumb-container" aria-label={t("app.breadcrumb")}>
          <ol className="breadcrumb p-0" data-element="breadcrumb">
            <li className="breadcrumb-item"><Link to="/">{t("app.home")}</Link><span className="separator">/</span></li>
            <li className="breadcrumb-item"><Link to="/servizi">{t("nav.services")}</Link><span className="separator">/</span></li>
            {category ? (
              <li className="breadcrumb-item">
                <Link to={`/servizi?categoria=${encodeURIComponent(category.code)}`}>{localized(category.name, category.translations, locale, "name")}</Link>
                <span className="separator">/</span>
              </li>
            ) : null}
            <li className="breadcrumb-item active" aria-current="page">{loaderData.title}</li>
          </ol>
        </nav>
        <div className="row">
          <div className="col-lg-8">
            {category ? (
              <p className="text-uppercase fw-semibold small mb-1" data-element="service-category">
                <Link to={`/servizi?categoria=${encodeURIComponent(category.code)}`}>{localized(category.name, category.translations, locale, "name")}</Link>
              </p>
            ) : null}
            <h1 className="title-xxxlarge mb-2" data-element="service-title" lang={contentLang(s.translations, locale, "name")}>{loaderData.title}</h1>
            <div className="d-flex flex-wrap align-items-center mb-3">
              <div className={`chip chip-simple chip-lg me-2 ${s.status === "active" ? "chip-success" : "chip-danger"}`} data-element="service-status">
                <span className="chip-label">{t(`directory.status.${statusKey(s.status)}`)}</span>
              </div>
              <AccessBadge mode={s.accessMode} />
              {stale ? <StaleBadge /> : null}
            </div>
            <p className="lead" data-element="service-description" lang={contentLang(s.translations, locale, "shortDescription")}>{loaderData.description}</p>
            {s.accessMode === "appointment" ? (
              <p><Link to="#contatti" className="btn btn-primary">{t("directory.service.book")}</Link></p>
            ) : null}
          </div>
        </div>
      </div>

      <div className="container px-4 mb-5">
        <div className="row">
          <div className="col-12 col-lg-3 mb-4">
            <nav className="page-index" aria-labelledby="page-index-title" data-element="page-index">
              <h2 id="page-index-title" className="h6 text-uppercase">{t("directory.service.pageIndex")}</h2>
              <ol className="link-list">
                {SECTIONS.map((id) => (
                  <li key={id}><a href={`#${ANCHORS[id]}`}>{t(`directory.service.sections.${id}`)}</a></li>
                ))}
              </ol>
            </nav>
          </div>
          <div className="col-12 col-lg-8 offset-lg-1">
            {section("audience", (
              <>
                <Text text={s.audience} />
                <p><span className="fw-semibold">{t("directory.service.age")}:</span> {ageText}</p>
                {s.lifeEvents.length ? (
                  <p>
                    <span className="fw-semibold">{t("directory.service.situations")}:</span>{" "}
                    {s.lifeEvents.map((e, i) => (
                      <span key={e.code}>{i > 0 ? ", " : ""}<Link to={`/servizi?situazione=${encodeURIComponent(e.code)}`}>{localized(e.name, e.translations, locale, "name")}</Link></span>
                    ))}
                  </p>
                ) : null}
              </>
            ))}
            {section("description", (
              <>{paragraphs(localized(s.description, s.translations, locale, "description")).map((p, i) => <p key={i} lang={contentLang(s.translations, locale, "description")}>{p}</p>)}</>
            ))}
            {section("howTo", <Text text={s.howTo} />)}
            {section("documents", s.requiredDocuments.length ? (
              <ul lang={itOnly}>{s.requiredDocuments.map((doc) => <li key={doc}>{doc}</li>)}</ul>
            ) : <p>{t("directory.service.noDocuments")}</p>)}
            {section("outcome", <Text text={s.outcome} />)}
            {section("timing", (
              <>
                <Text text={s.timing} />
                {s.schedules.length ? (
                  <>
                    <h3 className="h5">{t("directory.service.schedule")}</h3>
                    <WeeklyHours slots={s.schedules} />
                  </>
                ) : null}
              </>
            ))}
            {section("costs", (
              <>
                <p className="fw-semibold">{s.free ? t("directory.service.free") : t("directory.service.paid")}</p>
                {s.costCents !== null ? <p>{t("directory.service.cost", { amount: formatEuro(s.costCents, locale) })}</p> : null}
                {s.feesDescription ? <p lang={itOnly}>{s.feesDescription}</p> : null}
              </>
            ))}
            {section("access", (
              <>
                {s.accessMode === "direct" ? <p>{t("directory.service.accessDirect")}</p> : null}
                {s.accessMode === "appointment" ? (
                  <>
                    <p>{t("directory.service.accessAppointment")}</p>
                    <Link to="#contatti" className="btn btn-primary" data-element="appointment-booking">
                      <Icon name="it-calendar" className="icon-white me-2" />{t("directory.service.book")}
                    </Link>
                  </>
                ) : null}
                {s.accessMode === "referral" ? (
                  <>
                    <p>{t("directory.service.accessReferral")}</p>
                    {s.referralFrom ? <p><span className="fw-semibold">{t("directory.service.referralFrom")}:</span> <span lang={itOnly}>{s.referralFrom}</span></p> : null}
                    <p><Link to="/orientamento#sportello">{t("directory.service.askFrontDesk")}</Link></p>
                  </>
                ) : null}
                {s.url ? <p><a href={s.url} rel="noopener">{t("directory.service.website")}</a></p> : null}
              </>
            ))}
            {section("moreInfo", (
              <dl className="row">
                <dt className="col-sm-4">{t("directory.service.languages")}</dt>
                <dd className="col-sm-8">{s.languages.length ? s.languages.map((l) => languageName(l, locale)).join(", ") : t("directory.service.notSpecified")}</dd>
                <dt className="col-sm-4">{t("directory.service.accessibility")}</dt>
                <dd className="col-sm-8">
                  {s.accessibility.length || s.places.some((p) => p.accessibility.length)
                    ? <span lang={itOnly}>{[...new Set([...s.accessibility, ...s.places.flatMap((p) => p.accessibility)])].join("; ")}</span>
                    : t("directory.service.notSpecified")}
                </dd>
                <dt className="col-sm-4">{t("directory.service.age")}</dt>
                <dd className="col-sm-8">{ageText}</dd>
                <dt className="col-sm-4">{t("directory.service.organization")}</dt>
                <dd className="col-sm-8">{s.organization.name}</dd>
                <dt className="col-sm-4">{t("directory.service.lastVerified")}</dt>
                <dd className="col-sm-8">
                  {s.lastVerifiedAt ? formatDate(`${s.lastVerifiedAt}T12:00:00Z`, locale) : t("directory.service.notSpecified")}
                  {stale ? <span className="d-block small text-muted">{t("directory.card.staleHint")}</span> : null}
                </dd>
              </dl>
            ))}
            {section("conditions", <Text text={s.conditions} fallback={t("directory.service.noConditions")} />)}
            {section("contacts", (
              <>
                <p className="fw-semibold mb-1">{s.organization.name}</p>
                <ul className="list-unstyled">
                  {phones.map((n) => (
                    <li key={n}><Icon name="it-telephone" className="me-1" /><span className="visually-hidden">{t("directory.service.phone")}: </span><a href={`tel:${n.replace(/\s+/g, "")}`}>{n}</a></li>
                  ))}
                  {emails.map((e) => (
                    <li key={e}><Icon name="it-mail" className="me-1" /><span className="visually-hidden">{t("directory.service.email")}: </span><a href={`mailto:${e}`}>{e}</a></li>
                  ))}
                </ul>
                {s.places.map((p) => (
                  <div key={p.id} className="card card-bg rounded shadow-sm mb-3">
                    <div className="card-body">
                      <h3 className="h5 card-title">{p.name}</h3>
                      <p className="mb-2">
                        {p.address}{p.postalCode || p.municipalityName ? ", " : ""}{[p.postalCode, p.municipalityName].filter(Boolean).join(" ")}{p.province ? ` (${p.province})` : ""}
                      </p>
                      {p.phones.length ? <p className="mb-2">{p.phones.map((n) => <a key={n} className="me-2" href={`tel:${n.replace(/\s+/g, "")}`}>{n}</a>)}</p> : null}
                      <h4 className="h6 mb-1">{t("directory.service.placeHours")}</h4>
                      <WeeklyHours slots={p.schedules} />
                      {p.lat !== null && p.lng !== null ? (
                        <p className="mt-2 mb-0">
                          <a href={mapLink(p.lat, p.lng)} rel="noopener">
                            <Icon name="it-map-marker" className="me-1" />{t("directory.service.mapLink", { name: p.name })}
                          </a>
                        </p>
                      ) : null}
                    </div>
                  </div>
                ))}
              </>
            ))}
          </div>
        </div>
      </div>
    </>
  );
}
