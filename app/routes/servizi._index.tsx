import { data, Form, Link, useNavigate, useNavigation } from "react-router";
import { useEffect, useRef, useState } from "react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import directoryCss from "~/styles/directory.css?url";
import { findPrimaryNetwork, listMunicipalities } from "@modules/network";
import {
  DEFAULT_RADIUS_KM, PER_PAGE, RADII_KM, findDirectoryServices, isStale, listDirectoryFacets, listDirectoryPlaces, parseDirectoryParams,
  type DirectoryFilters,
} from "@modules/directory";
import { explainSearch, rankServiceIds } from "@modules/search";
import { Icon } from "~/components/icon";
import { PageTitle } from "~/components/page-title";
import { PlacesMap } from "~/components/places-map";
import { ServiceCard } from "~/components/service-card";
import { SearchExplanation } from "~/components/search-explanation";
import { groupEvents, languageName } from "~/lib/directory-format";
import { localized, useI18n } from "~/lib/i18n";
import type { Route } from "./+types/servizi._index";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: directoryCss },
];

export function meta({ data: d }: Route.MetaArgs) {
  return [
    { title: d?.pageTitle ?? "Servizi" },
    { name: "description", content: d?.pageDescription ?? "" },
  ];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { db, config } = context.app;
  const url = new URL(request.url);
  const parsed = parseDirectoryParams(url.searchParams);
  const p = parsed.params;
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };

  const network = await findPrimaryNetwork(db);
  const [facets, municipalities] = await Promise.all([
    listDirectoryFacets(db, network?.serviceTaxonomyId ?? null),
    listMunicipalities(db),
  ]);

  let near: DirectoryFilters["near"] = null;
  let municipalityIstat: string | null = null;
  const radiusKm = p.raggio ?? DEFAULT_RADIUS_KM;
  if (p.lat !== undefined && p.lng !== undefined) {
    near = { lat: p.lat, lng: p.lng, radiusKm: radiusKm || DEFAULT_RADIUS_KM };
  } else if (p.comune) {
    const m = municipalities.find((x) => x.istat === p.comune);
    if (!m) errors.comune = "directory.errors.municipality";
    else if (radiusKm === 0) municipalityIstat = m.istat;
    else near = { lat: m.lat, lng: m.lng, radiusKm };
  }
  if (p.categoria && !facets.categories.some((c) => c.code === p.categoria)) errors.categoria = "directory.errors.category";
  if (p.situazione && !facets.lifeEvents.some((c) => c.code === p.situazione)) errors.situazione = "directory.errors.situation";

  const [ranked, explained] = p.q ? await Promise.all([rankServiceIds(db, p.q), explainSearch(db, p.q)]) : [null, null];
  const explanation = explained ? { didYouMean: explained.didYouMean, alsoFor: explained.alsoFor } : null;

  const now = new Date();
  const filters: DirectoryFilters = {
    rankedIds: ranked ? ranked.map((r) => r.id) : null,
    category: errors.categoria ? null : p.categoria ?? null,
    lifeEvent: errors.situazione ? null : p.situazione ?? null,
    age: p.eta ?? null,
    freeOnly: p.gratuito ?? false,
    language: p.lingua ?? null,
    municipalityIstat,
    near,
    openAt: p.aperto ? now : null,
    serviceTaxonomyId: network?.serviceTaxonomyId ?? null,
  };
  const view = p.vista ?? "elenco";
  const [result, places] = await Promise.all([
    findDirectoryServices(db, filters, { page: p.pagina ?? 1, perPage: PER_PAGE }),
    view === "mappa" ? listDirectoryPlaces(db, filters) : Promise.resolve(null),
  ]);

  const stale = config.STALE_AFTER_DAYS;
  const title = p.q ? context.t("directory.meta.searchTitle", { q: p.q }) : context.t("directory.meta.title");
  return data(
    {
      pageTitle: `${title} · ${network?.name ?? "Crocevia"}`,
      pageDescription: context.t("directory.meta.description"),
      params: p,
      errors,
      view,
      facets,
      municipalities: municipalities.map((m) => ({ istat: m.istat, name: m.name, province: m.province })),
      result: { ...result, items: result.items.map((s) => ({ ...s, stale: isStale(s.lastVerifiedAt, now, stale) })) },
      places,
      explanation: explanation ?? null,
      tileUrl: config.MAP_TILE_URL,
      positionActive: near !== null && p.lat !== undefined,
      radiusKm,
      radii: [...RADII_KM],
      defaultRadiusKm: DEFAULT_RADIUS_KM,
    },
    { status: Object.keys(errors).length ? 400 : 200 },
  );
}

type LoaderData = Awaited<ReturnType<typeof loader>>["data"];

/** The query string for the current filters with some names changed or removed (page reset). */
function hrefWith(params: LoaderData["params"], changes: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  const merged: Record<string, unknown> = { ...params, pagina: undefined, ...changes };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, value === true ? "1" : String(value));
  }
  const qs = search.toString();
  return qs ? `/servizi?${qs}` : "/servizi";
}

export default function Directory({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const d = loaderData;
  const { params, facets, result, errors } = d;
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location?.pathname === "/servizi";
  const hasErrors = Object.keys(errors).length > 0;
  const term = (list: { code: string; name: string; translations: Record<string, Record<string, string>> }[], code?: string) => {
    const found = list.find((c) => c.code === code);
    return found ? localized(found.name, found.translations, locale, "name") : code ?? "";
  };

  const chips: { key: string; label: string; href: string }[] = [];
  if (params.q) chips.push({ key: "q", label: `“${params.q}”`, href: hrefWith(params, { q: undefined }) });
  if (params.categoria) chips.push({ key: "categoria", label: term(facets.categories, params.categoria), href: hrefWith(params, { categoria: undefined }) });
  if (params.situazione) chips.push({ key: "situazione", label: term(facets.lifeEvents, params.situazione), href: hrefWith(params, { situazione: undefined }) });
  if (params.eta !== undefined) chips.push({ key: "eta", label: t("directory.chips.age", { count: params.eta }), href: hrefWith(params, { eta: undefined }) });
  if (params.gratuito) chips.push({ key: "gratuito", label: t("directory.filters.free"), href: hrefWith(params, { gratuito: undefined }) });
  if (params.lingua) chips.push({ key: "lingua", label: languageName(params.lingua, locale), href: hrefWith(params, { lingua: undefined }) });
  if (params.lat !== undefined) {
    chips.push({ key: "posizione", label: t("directory.chips.position", { km: d.radiusKm || 10 }), href: hrefWith(params, { lat: undefined, lng: undefined, raggio: undefined }) });
  } else if (params.comune) {
    const m = d.municipalities.find((x) => x.istat === params.comune);
    const label = d.radiusKm === 0 ? t("directory.chips.municipality", { name: m?.name ?? params.comune }) : t("directory.chips.near", { name: m?.name ?? params.comune, km: d.radiusKm });
    chips.push({ key: "comune", label, href: hrefWith(params, { comune: undefined, raggio: undefined }) });
  }
  if (params.aperto) chips.push({ key: "aperto", label: t("directory.filters.openNow"), href: hrefWith(params, { aperto: undefined }) });
  const filtersOpen = chips.some((c) => c.key !== "q") || hasErrors;

  const fieldError = (name: string) =>
    errors[name] ? <div className="form-feedback just-validate-error-label text-danger" id={`f-${name}-error`}>{t(errors[name]!)}</div> : null;
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true as const, "aria-describedby": `f-${name}-error` } : {});

  return (
    <>
      <PageTitle title={t("directory.title")} lead={t("directory.lead")} />
      <div className="container px-4 mb-5">
        {hasErrors ? <div className="alert alert-danger" role="alert">{t("directory.errors.summary")}</div> : null}
        <Form method="get" action="/servizi" id="directory-form" role="search" aria-label={t("directory.search.formLabel")}>
          <div className="form-group mb-3">
            <label htmlFor="f-q" className="active">{t("directory.search.label")}</label>
            <div className="input-group">
              <input id="f-q" name="q" type="search" className="form-control" defaultValue={params.q ?? ""} placeholder={t("directory.search.placeholder")} maxLength={200} autoComplete="off" {...invalid("q")} />
              <div className="input-group-append">
                <button className="btn btn-primary" type="submit">
                  <Icon name="it-search" className="icon-white me-1" />{t("directory.search.submit")}
                </button>
              </div>
            </div>
            {fieldError("q")}
          </div>
          {params.vista === "mappa" ? <input type="hidden" name="vista" value="mappa" /> : null}
          {params.lat !== undefined && params.lng !== undefined ? (
            <>
              <input type="hidden" name="lat" value={params.lat} />
              <input type="hidden" name="lng" value={params.lng} />
            </>
          ) : null}

          <details className="directory-filters mb-3" open={filtersOpen}>
            <summary className="btn btn-outline-primary btn-sm">{t("directory.filters.title")}</summary>
            <div className="row pt-3">
              <div className="col-12 col-md-6 col-lg-4">
                <div className="select-wrapper mb-3">
                  <label htmlFor="f-categoria">{t("directory.filters.category")}</label>
                  <select id="f-categoria" name="categoria" defaultValue={params.categoria ?? ""} {...invalid("categoria")}>
                    <option value="">{t("directory.filters.anyCategory")}</option>
                    {facets.categories.map((c) => <option key={c.code} value={c.code}>{localized(c.name, c.translations, locale, "name")}</option>)}
                  </select>
                  {fieldError("categoria")}
                </div>
              </div>
              <div className="col-12 col-md-6 col-lg-4">
                <div className="select-wrapper mb-3">
                  <label htmlFor="f-situazione">{t("directory.filters.situation")}</label>
                  <select id="f-situazione" name="situazione" defaultValue={params.situazione ?? ""} {...invalid("situazione")}>
                    <option value="">{t("directory.filters.anySituation")}</option>
                    {groupEvents(facets.lifeEvents).map((g) =>
                      g.name ? (
                        <optgroup key={g.code} label={localized(g.name, g.translations, locale, "name")}>
                          <option value={g.code}>{t("directory.filters.wholeArea", { name: localized(g.name, g.translations, locale, "name") })}</option>
                          {g.items.map((c) => <option key={c.code} value={c.code}>{localized(c.name, c.translations, locale, "name")}</option>)}
                        </optgroup>
                      ) : (
                        g.items.map((c) => <option key={c.code} value={c.code}>{localized(c.name, c.translations, locale, "name")}</option>)
                      ))}
                  </select>
                  {fieldError("situazione")}
                </div>
              </div>
              <div className="col-12 col-md-6 col-lg-4">
                <div className="form-group mb-3">
                  <label htmlFor="f-eta" className="active">{t("directory.filters.age")}</label>
                  <input id="f-eta" name="eta" type="number" inputMode="numeric" min={0} max={25} className="form-control" defaultValue={params.eta ?? ""} aria-describedby={errors.eta ? "f-eta-error" : "f-eta-hint"} aria-invalid={errors.eta ? true : undefined} />
                  <small id="f-eta-hint" className="form-text">{t("directory.filters.ageHint")}</small>
                  {fieldError("eta")}
                </div>
              </div>
              <div className="col-12 col-md-6 col-lg-4">
                <div className="select-wrapper mb-3">
                  <label htmlFor="f-lingua">{t("directory.filters.language")}</label>
                  <select id="f-lingua" name="lingua" defaultValue={params.lingua ?? ""} {...invalid("lingua")}>
                    <option value="">{t("directory.filters.anyLanguage")}</option>
                    {facets.languages.map((l) => <option key={l} value={l}>{languageName(l, locale)}</option>)}
                  </select>
                  {fieldError("lingua")}
                </div>
              </div>
              <div className="col-12 col-md-6 col-lg-4">
                <div className="select-wrapper mb-3">
                  <label htmlFor="f-comune">{t("directory.filters.municipality")}</label>
                  <select id="f-comune" name="comune" defaultValue={params.comune ?? ""} {...invalid("comune")}>
                    <option value="">{t("directory.filters.anyMunicipality")}</option>
                    {d.municipalities.map((m) => <option key={m.istat} value={m.istat}>{m.name} ({m.province})</option>)}
                  </select>
                  {fieldError("comune")}
                </div>
              </div>
              <div className="col-12 col-md-6 col-lg-4">
                <div className="select-wrapper mb-3">
                  <label htmlFor="f-raggio">{t("directory.filters.radius")}</label>
                  <select id="f-raggio" name="raggio" defaultValue={params.raggio ?? d.defaultRadiusKm} {...invalid("raggio")}>
                    {d.radii.map((r) => <option key={r} value={r}>{r === 0 ? t("directory.filters.radiusOnly") : t("directory.filters.radiusKm", { count: r })}</option>)}
                  </select>
                  {fieldError("raggio")}
                </div>
                <UseMyPosition defaultRadiusKm={d.defaultRadiusKm} />
                {fieldError("lat")}
              </div>
              <div className="col-12 col-md-6 col-lg-4">
                <div className="form-check mb-2">
                  <input id="f-gratuito" name="gratuito" type="checkbox" value="1" defaultChecked={params.gratuito ?? false} />
                  <label htmlFor="f-gratuito">{t("directory.filters.free")}</label>
                </div>
                <div className="form-check mb-3">
                  <input id="f-aperto" name="aperto" type="checkbox" value="1" defaultChecked={params.aperto ?? false} />
                  <label htmlFor="f-aperto">{t("directory.filters.openNow")}</label>
                </div>
              </div>
            </div>
            <div className="d-flex flex-wrap gap-2">
              <button type="submit" className="btn btn-primary">{t("directory.filters.apply")}</button>
              <Link to={params.q ? `/servizi?q=${encodeURIComponent(params.q)}` : "/servizi"} className="btn btn-outline-secondary">{t("directory.filters.reset")}</Link>
            </div>
          </details>
        </Form>

        {chips.length ? (
          <div className="mb-3" aria-labelledby="chips-title">
            <h2 id="chips-title" className="h6 mb-1">{t("directory.chips.title")}</h2>
            <ul className="list-inline mb-0">
              {chips.map((c) => (
                <li key={c.key} className="list-inline-item">
                  <Link to={c.href} className="chip chip-simple chip-lg directory-chip" aria-label={t("directory.chips.remove", { label: c.label })}>
                    <span className="chip-label">{c.label}</span>
                    <Icon name="it-close" className="ms-1" />
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {d.explanation ? <SearchExplanation explanation={d.explanation} hrefFor={(q) => hrefWith(params, { q })} /> : null}

        <p className="h5 mt-3" role="status" aria-live="polite" aria-atomic="true" id="results-count" aria-busy={busy || undefined}>
          {t("directory.results.count", { count: result.total })}
        </p>

        <nav aria-label={t("directory.view.label")} className="mb-3">
          <ul className="nav nav-tabs">
            <li className="nav-item">
              <Link className={`nav-link ${d.view === "elenco" ? "active" : ""}`} aria-current={d.view === "elenco" ? "page" : undefined} to={hrefWith(params, { vista: undefined, pagina: params.pagina })}>
                <Icon name="it-list" className="me-1" />{t("directory.view.list")}
              </Link>
            </li>
            <li className="nav-item">
              <Link className={`nav-link ${d.view === "mappa" ? "active" : ""}`} aria-current={d.view === "mappa" ? "page" : undefined} to={hrefWith(params, { vista: "mappa" })}>
                <Icon name="it-map-marker" className="me-1" />{t("directory.view.map")}
              </Link>
            </li>
          </ul>
        </nav>

        {d.view === "mappa" ? (
          <MapView places={d.places ?? []} tileUrl={d.tileUrl} />
        ) : result.items.length ? (
          <>
            <ul className="row list-unstyled" aria-labelledby="results-count">
              {result.items.map((s) => (
                <li key={s.id} className="col-12 col-lg-6 mb-3">
                  <ServiceCard service={s} headingLevel={2} />
                </li>
              ))}
            </ul>
            <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(n) => hrefWith(params, { pagina: n === 1 ? undefined : n })} />
          </>
        ) : (
          <div className="callout note">
            <div className="callout-title">{t("directory.results.noneTitle")}</div>
            <p>{t("directory.results.none")}</p>
            <p className="mb-0"><Link to="/orientamento">{t("directory.results.tryOrientation")}</Link></p>
          </div>
        )}
        {result.items.length === 0 && result.page > 1 && result.total > 0 ? (
          <p><Link to={hrefWith(params, {})}>{t("directory.pagination.first")}</Link></p>
        ) : null}
      </div>
    </>
  );
}

function Pagination(props: { page: number; pageCount: number; hrefFor: (n: number) => string }) {
  const { t } = useI18n();
  if (props.pageCount <= 1) return null;
  const { page, pageCount } = props;
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return (
    <nav className="pagination-wrapper justify-content-center" aria-label={t("directory.pagination.label")}>
      <ul className="pagination flex-wrap">
        <li className={`page-item ${page <= 1 ? "disabled" : ""}`}>
          {page > 1 ? (
            <Link className="page-link" to={props.hrefFor(page - 1)} rel="prev">
              <Icon name="it-chevron-left" className="icon-primary" /><span className="visually-hidden">{t("directory.pagination.previous")}</span>
            </Link>
          ) : null}
        </li>
        {numbers.map((n, i) => (
          <li key={n} className="page-item">
            {i > 0 && n - numbers[i - 1]! > 1 ? <span className="page-link" aria-hidden="true">…</span> : null}
            <Link className="page-link" to={props.hrefFor(n)} aria-current={n === page ? "page" : undefined} aria-label={t("directory.pagination.page", { page: n })}>
              {n}
            </Link>
          </li>
        ))}
        <li className={`page-item ${page >= pageCount ? "disabled" : ""}`}>
          {page < pageCount ? (
            <Link className="page-link" to={props.hrefFor(page + 1)} rel="next">
              <span className="visually-hidden">{t("directory.pagination.next")}</span><Icon name="it-chevron-right" className="icon-primary" />
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}

function MapView(props: { places: NonNullable<LoaderData["places"]>; tileUrl: string }) {
  const { t, locale } = useI18n();
  const byMunicipality = new Map<string, typeof props.places>();
  for (const p of props.places) {
    const key = p.municipalityName || t("directory.map.otherPlaces");
    byMunicipality.set(key, [...(byMunicipality.get(key) ?? []), p]);
  }
  const located = props.places.filter((p) => p.lat !== null && p.lng !== null);
  return (
    <>
      <PlacesMap
        label={t("directory.map.label")}
        tileUrl={props.tileUrl}
        places={located.map((p) => ({
          id: p.locationId,
          name: p.name,
          address: p.address,
          lat: p.lat!,
          lng: p.lng!,
          links: p.services.map((s) => ({ href: `/servizi/${s.slug}`, label: localized(s.name, s.translations, locale, "name") })),
        }))}
      />
      <section aria-labelledby="places-title">
        <h2 id="places-title" className="h4">{t("directory.map.placesTitle")}</h2>
        {props.places.length === 0 ? <p>{t("directory.map.noPlaces")}</p> : null}
        {[...byMunicipality.entries()].map(([municipality, places]) => (
          <div key={municipality} className="mb-4">
            <h3 className="h5">{municipality}</h3>
            <ul className="list-unstyled">
              {places.map((p) => (
                <li key={p.locationId} className="mb-3 border-start border-3 border-primary ps-3">
                  <p className="fw-semibold mb-0">{p.name}</p>
                  {p.address ? <p className="mb-1 small">{p.address}</p> : null}
                  <ul className="mb-0">
                    {p.services.map((s) => (
                      <li key={s.slug}><Link to={`/servizi/${s.slug}`}>{localized(s.name, s.translations, locale, "name")}</Link></li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}

/**
 * "Use my position": rendered only once JavaScript runs (the button does nothing without it). It
 * reads navigator.geolocation and resubmits the form's values with lat/lng instead of a municipality.
 */
function UseMyPosition(props: { defaultRadiusKm: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [mounted, setMounted] = useState(false);
  const [status, setStatus] = useState<"" | "locating" | "error">("");
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => setMounted(true), []);
  if (!mounted || typeof navigator === "undefined" || !("geolocation" in navigator)) return null;
  const locate = () => {
    const form = buttonRef.current?.form;
    if (!form) return;
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const values = new URLSearchParams();
        for (const [k, v] of new FormData(form)) if (typeof v === "string" && v !== "" && !["comune", "lat", "lng", "pagina"].includes(k)) values.set(k, v);
        values.set("lat", pos.coords.latitude.toFixed(5));
        values.set("lng", pos.coords.longitude.toFixed(5));
        if (values.get("raggio") === "0") values.set("raggio", String(props.defaultRadiusKm));
        setStatus("");
        navigate(`/servizi?${values.toString()}`);
      },
      () => setStatus("error"),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  };
  return (
    <div className="mb-3">
      <button ref={buttonRef} type="button" className="btn btn-outline-primary btn-sm" onClick={locate}>
        <Icon name="it-map-marker-circle" className="icon-primary me-1" />{t("directory.filters.useMyPosition")}
      </button>
      <p className="small mb-0 mt-1" role="status" aria-live="polite">
        {status === "locating" ? t("directory.filters.locating") : status === "error" ? t("directory.filters.positionError") : ""}
      </p>
    </div>
  );
}
