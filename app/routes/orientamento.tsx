import { data, Form, Link } from "react-router";
import directoryCss from "~/styles/directory.css?url";
import { findPrimaryNetwork, listFrontDesks, listMunicipalities } from "@modules/network";
import {
  ORIENTATION_AGES, ORIENTATION_ROLES, isStale, listDirectoryFacets, parseOrientationParams, suggestServices,
  type AgeBand, type OrientationParams,
} from "@modules/directory";
import { Icon } from "~/components/icon";
import { PageTitle } from "~/components/page-title";
import { WeeklyHours } from "~/components/opening-hours";
import { ServiceCard } from "~/components/service-card";
import { groupEvents } from "~/lib/directory-format";
import { localized, useI18n } from "~/lib/i18n";
import type { Route } from "./+types/orientamento";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: directoryCss }];

export function meta({ data: d }: Route.MetaArgs) {
  return [
    { title: `${d?.title ?? "Trova il supporto giusto"} · ${d?.networkName ?? "Crocevia"}` },
    { name: "description", content: d?.description ?? "" },
  ];
}

const STEPS = 4;
const NEARBY_KM = 15;

/** The first step whose answer is missing, given the step the person is trying to reach. */
function missingStep(p: OrientationParams): { step: number; error: string } | null {
  if (p.passo >= 2 && !p.chi) return { step: 1, error: "directory.orientation.errors.role" };
  if (p.passo >= 3 && p.eta.length === 0) return { step: 2, error: "directory.orientation.errors.ages" };
  if (p.passo >= 4 && p.evento.length === 0) return { step: 3, error: "directory.orientation.errors.events" };
  return null;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { db, config } = context.app;
  const network = await findPrimaryNetwork(db);
  const parsed = parseOrientationParams(new URL(request.url).searchParams);
  const base = {
    roles: [...ORIENTATION_ROLES] as string[],
    ages: [...ORIENTATION_AGES] as string[],
    networkName: network?.name ?? "Crocevia",
    title: context.t("directory.orientation.title"),
    description: context.t("directory.orientation.lead"),
  };
  const [facets, municipalities] = await Promise.all([listDirectoryFacets(db, network?.serviceTaxonomyId ?? null), listMunicipalities(db)]);
  const lifeEvents = facets.lifeEvents;
  if (!parsed.ok) {
    return data({ ...base, step: 1, answers: emptyAnswers, error: Object.values(parsed.errors)[0]!, lifeEvents, municipalities: [], suggestions: null, desks: null }, { status: 400 });
  }
  const p = parsed.params;
  const answers = { chi: p.chi ?? null, eta: p.eta, evento: p.evento.filter((c) => lifeEvents.some((e) => e.code === c)), comune: p.comune ?? null };
  const missing = missingStep({ ...p, evento: answers.evento });
  const muniOptions = municipalities.map((m) => ({ istat: m.istat, name: m.name, province: m.province }));
  if (missing) {
    return data({ ...base, step: missing.step, answers, error: missing.error, lifeEvents, municipalities: muniOptions, suggestions: null, desks: null }, { status: 400 });
  }
  if (p.passo <= STEPS) {
    return { ...base, step: p.passo, answers, error: null, lifeEvents, municipalities: muniOptions, suggestions: null, desks: null };
  }
  const municipality = municipalities.find((m) => m.istat === p.comune) ?? null;
  const bands = p.eta.filter((b): b is AgeBand => b !== "nessuno");
  const now = new Date();
  const [suggestions, desks] = await Promise.all([
    suggestServices(db, {
      lifeEvents: answers.evento,
      ageBands: p.chi === "ragazzo" && bands.length === 0 ? ["11-13", "14-17"] : bands,
      near: municipality ? { lat: municipality.lat, lng: municipality.lng, radiusKm: NEARBY_KM } : null,
      limit: 8,
    }),
    network ? listFrontDesks(db, network.id) : Promise.resolve([]),
  ]);
  const sortedDesks = municipality
    ? [...desks].sort((a, b) => Number(deskServes(b, municipality.istat)) - Number(deskServes(a, municipality.istat)))
    : desks;
  return {
    ...base,
    step: STEPS + 1,
    answers,
    error: null,
    lifeEvents,
    municipalities: muniOptions,
    municipalityName: municipality?.name ?? null,
    suggestions: suggestions.map((s) => ({ ...s, stale: isStale(s.lastVerifiedAt, now, config.STALE_AFTER_DAYS) })),
    desks: sortedDesks.map((d) => ({ ...d, servesYou: municipality ? deskServes(d, municipality.istat) : false })),
  };
}

const deskServes = (d: { municipalityIstat: string; territory: string[] }, istat: string) => d.municipalityIstat === istat || d.territory.includes(istat);
const emptyAnswers = { chi: null, eta: [] as string[], evento: [] as string[], comune: null } as { chi: string | null; eta: string[]; evento: string[]; comune: string | null };

type Answers = typeof emptyAnswers;

/** The URL of a step with the answers given so far. */
function stepHref(step: number, a: Answers): string {
  const q = new URLSearchParams({ passo: String(step) });
  if (a.chi) q.set("chi", a.chi);
  for (const e of a.eta) q.append("eta", e);
  for (const e of a.evento) q.append("evento", e);
  if (a.comune) q.set("comune", a.comune);
  return `/orientamento?${q.toString()}`;
}

/** Hidden inputs carrying the answers of the other steps through a GET form. */
function Carry(props: { answers: Answers; except: "chi" | "eta" | "evento" | "comune" }) {
  const a = props.answers;
  return (
    <>
      {props.except !== "chi" && a.chi ? <input type="hidden" name="chi" value={a.chi} /> : null}
      {props.except !== "eta" ? a.eta.map((e) => <input key={e} type="hidden" name="eta" value={e} />) : null}
      {props.except !== "evento" ? a.evento.map((e) => <input key={e} type="hidden" name="evento" value={e} />) : null}
      {props.except !== "comune" && a.comune ? <input type="hidden" name="comune" value={a.comune} /> : null}
    </>
  );
}

export default function Orientation({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const d = loaderData;
  const a = d.answers as Answers;
  const step = d.step;
  const stepNames = [t("directory.orientation.steps.who"), t("directory.orientation.steps.ages"), t("directory.orientation.steps.events"), t("directory.orientation.steps.place")];
  const errorId = "orientation-error";
  const errorBox = d.error ? <div className="alert alert-danger" role="alert" id={errorId}>{t(d.error)}</div> : null;
  const fieldsetProps = d.error ? { "aria-describedby": errorId } : {};
  const nav = (
    <div className="d-flex flex-wrap gap-2 mt-4">
      {step > 1 ? <Link to={stepHref(step - 1, a)} className="btn btn-outline-primary"><Icon name="it-arrow-left" className="icon-primary me-1" />{t("directory.orientation.back")}</Link> : null}
      <button type="submit" className="btn btn-primary">{step === STEPS ? t("directory.orientation.showSuggestions") : t("directory.orientation.next")}</button>
    </div>
  );
  const eventLabel = (e: { code: string; name: string; translations: Record<string, Record<string, string>> }) =>
    t(`directory.orientation.eventLabels.${e.code}`, { defaultValue: localized(e.name, e.translations, locale, "name") });

  return (
    <>
      <PageTitle title={t("directory.orientation.title")} lead={t("directory.orientation.lead")} />
      <div className="container px-4 mb-5">
        <nav className="steppers orientation-steps mb-4" aria-label={t("directory.orientation.progress")}>
          <div className="steppers-header">
            <ol>
              {stepNames.map((name, i) => {
                const n = i + 1;
                const state = n < step ? "confirmed" : n === step ? "active" : "";
                return (
                  <li key={name} className={state} aria-current={n === step ? "step" : undefined}>
                    {n < step ? <Icon name="it-check" className="icon-primary me-1" title={t("directory.orientation.done")} /> : null}
                    {t("directory.orientation.stepOf", { step: n, total: STEPS })}: {name}
                  </li>
                );
              })}
              {step > STEPS ? <li className="active" aria-current="step">{t("directory.orientation.steps.results")}</li> : null}
            </ol>
          </div>
        </nav>

        {step === 1 ? (
          <Form method="get" action="/orientamento" className="col-lg-8">
            <input type="hidden" name="passo" value="2" />
            <Carry answers={a} except="chi" />
            {errorBox}
            <fieldset {...fieldsetProps}>
              <legend className="h4">{t("directory.orientation.who.legend")}</legend>
              {d.roles.map((r) => (
                <div className="form-check" key={r}>
                  <input className="form-check-input" type="radio" name="chi" id={`chi-${r}`} value={r} defaultChecked={a.chi === r} required />
                  <label className="form-check-label" htmlFor={`chi-${r}`}>{t(`directory.orientation.who.${r}`)}</label>
                </div>
              ))}
            </fieldset>
            {nav}
          </Form>
        ) : null}

        {step === 2 ? (
          <Form method="get" action="/orientamento" className="col-lg-8">
            <input type="hidden" name="passo" value="3" />
            <Carry answers={a} except="eta" />
            {errorBox}
            <fieldset {...fieldsetProps}>
              <legend className="h4">{a.chi === "ragazzo" ? t("directory.orientation.ages.legendTeen") : t("directory.orientation.ages.legend")}</legend>
              <p className="small">{t("directory.orientation.ages.hint")}</p>
              {d.ages.map((b) => (
                <div className="form-check" key={b}>
                  <input className="form-check-input" type="checkbox" name="eta" id={`eta-${b}`} value={b} defaultChecked={a.eta.includes(b)} />
                  <label className="form-check-label" htmlFor={`eta-${b}`}>{b === "nessuno" ? t("directory.orientation.ages.none") : t("directory.orientation.ages.band", { band: b.replace("-", "–") })}</label>
                </div>
              ))}
            </fieldset>
            {nav}
          </Form>
        ) : null}

        {step === 3 ? (
          <Form method="get" action="/orientamento" className="col-lg-8">
            <input type="hidden" name="passo" value="4" />
            <Carry answers={a} except="evento" />
            {errorBox}
            <fieldset {...fieldsetProps}>
              <legend className="h4">{t("directory.orientation.events.legend")}</legend>
              <p className="small">{t("directory.orientation.events.hint")}</p>
              {groupEvents(d.lifeEvents).map((group) => (
                <div key={group.code} className="mb-3">
                  {group.name ? <p className="fw-semibold mb-1" id={`area-${group.code}`}>{localized(group.name, group.translations, locale, "name")}</p> : null}
                  <div role="group" aria-labelledby={group.name ? `area-${group.code}` : undefined}>
                    {group.items.map((e) => (
                      <div className="form-check" key={e.code}>
                        <input className="form-check-input" type="checkbox" name="evento" id={`evento-${e.code}`} value={e.code} defaultChecked={a.evento.includes(e.code)} />
                        <label className="form-check-label" htmlFor={`evento-${e.code}`}>{eventLabel(e)}</label>
                      </div>
                    ))}
                  </div>
                </div>
              ))}
            </fieldset>
            {nav}
          </Form>
        ) : null}

        {step === 4 ? (
          <Form method="get" action="/orientamento" className="col-lg-8">
            <input type="hidden" name="passo" value="5" />
            <Carry answers={a} except="comune" />
            {errorBox}
            <fieldset {...fieldsetProps}>
              <legend className="h4">{t("directory.orientation.place.legend")}</legend>
              <div className="select-wrapper">
                <label htmlFor="o-comune">{t("directory.orientation.place.label")} ({t("common.optional")})</label>
                <select id="o-comune" name="comune" defaultValue={a.comune ?? ""}>
                  <option value="">{t("directory.orientation.place.any")}</option>
                  {d.municipalities.map((m) => <option key={m.istat} value={m.istat}>{m.name} ({m.province})</option>)}
                </select>
              </div>
            </fieldset>
            {nav}
          </Form>
        ) : null}

        {step > STEPS && d.suggestions ? (
          <>
            <section aria-labelledby="suggestions-title" className="mb-5">
              <h2 id="suggestions-title">{t("directory.orientation.results.title")}</h2>
              <p role="status">{d.suggestions.length ? t("directory.orientation.results.count", { count: d.suggestions.length }) : t("directory.orientation.results.none")}</p>
              <ol className="row list-unstyled">
                {d.suggestions.map((s) => (
                  <li key={s.id} className="col-12 col-lg-6 mb-3">
                    <ServiceCard
                      service={{
                        ...s,
                        extra: s.matchedLifeEvents.length ? (
                          <p className="small mt-2 mb-0">
                            {t("directory.orientation.results.why")}:{" "}
                            {s.matchedLifeEvents.map((code) => d.lifeEvents.find((e) => e.code === code)).filter((e) => e !== undefined).map((e) => eventLabel(e)).join(", ")}
                            {s.nearby ? ` · ${t("directory.orientation.results.nearby", { name: d.municipalityName ?? "" })}` : ""}
                          </p>
                        ) : null,
                      }}
                      headingLevel={3}
                    />
                  </li>
                ))}
              </ol>
              <div className="d-flex flex-wrap gap-2">
                <Link to={stepHref(STEPS, a)} className="btn btn-outline-primary"><Icon name="it-arrow-left" className="icon-primary me-1" />{t("directory.orientation.back")}</Link>
                <Link to="/orientamento" className="btn btn-outline-secondary">{t("directory.orientation.restart")}</Link>
                {a.evento[0] ? <Link to={`/servizi?situazione=${encodeURIComponent(a.evento[0])}`} className="btn btn-link">{t("directory.orientation.results.allServices")}</Link> : null}
              </div>
            </section>

            <section id="sportello" aria-labelledby="desk-title" className="bg-light p-4 rounded mb-4" data-element="contacts">
              <h2 id="desk-title">{t("directory.orientation.desk.title")}</h2>
              <p>{t("directory.orientation.desk.lead")}</p>
              <ul className="row list-unstyled mb-0">
                {(d.desks ?? []).map((desk) => (
                  <li key={desk.slug} className="col-12 col-md-6 mb-3">
                    <div className="card card-bg rounded shadow-sm h-100">
                      <div className="card-body">
                        <h3 className="h5 card-title"><Link to={`/centri/${desk.slug}`}>{desk.name}</Link></h3>
                        {desk.servesYou ? <p className="mb-1"><span className="badge bg-success">{t("directory.orientation.desk.servesYou", { name: d.municipalityName ?? "" })}</span></p> : null}
                        <p className="small mb-2">{desk.siteName ? `${desk.siteName}, ` : ""}{desk.municipalityName}</p>
                        <ul className="list-unstyled mb-2">
                          {desk.phone ? <li>{t("directory.service.phone")}: <a href={`tel:${desk.phone.replace(/\s+/g, "")}`}>{desk.phone}</a></li> : null}
                          {desk.email ? <li>{t("directory.service.email")}: <a href={`mailto:${desk.email}`}>{desk.email}</a></li> : null}
                        </ul>
                        <h4 className="h6 mb-1">{t("directory.orientation.desk.hours")}</h4>
                        <WeeklyHours slots={desk.openingHours.map((h) => ({ byday: h.days, opensAt: h.opens, closesAt: h.closes }))} />
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : null}
        {step <= STEPS ? (
          <p className="mt-4 small">{t("directory.orientation.desk.skipLead")} <Link to="/centri">{t("directory.orientation.desk.skip")}</Link></p>
        ) : null}
      </div>
    </>
  );
}
