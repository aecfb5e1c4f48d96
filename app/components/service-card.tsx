import { Link } from "react-router";
import { localized, useI18n } from "~/lib/i18n";
import type { Translations } from "@modules/directory";

export type AccessMode = "direct" | "appointment" | "referral";

export function AccessBadge(props: { mode: AccessMode }) {
  const { t } = useI18n();
  const tone = props.mode === "direct" ? "bg-success" : props.mode === "appointment" ? "bg-primary" : "bg-secondary";
  return <span className={`badge ${tone} me-1 mb-1`}>{t(`directory.access.${props.mode}`)}</span>;
}

export function StaleBadge() {
  const { t } = useI18n();
  return (
    <span className="badge bg-warning text-dark me-1 mb-1" title={t("directory.card.staleHint")}>
      {t("directory.card.stale")}
    </span>
  );
}

export interface ServiceCardData {
  slug: string;
  name: string;
  shortDescription: string;
  translations: Translations;
  free: boolean;
  accessMode: AccessMode;
  organizationName: string;
  status?: string;
  stale?: boolean;
  distanceKm?: number | null;
  categories?: { code: string; name: string; translations: Translations }[];
  cities?: string[];
  extra?: React.ReactNode;
}

/** A Bootstrap Italia card for one service in a list (the list item is the caller's). */
export function ServiceCard(props: { service: ServiceCardData; headingLevel?: 2 | 3 }) {
  const { t, locale } = useI18n();
  const s = props.service;
  const Heading = props.headingLevel === 2 ? "h2" : "h3";
  const name = localized(s.name, s.translations, locale, "name");
  return (
    <div className="card-wrapper card-space h-100 pb-0">
      <div className="card card-bg service-card rounded shadow-sm">
        <div className="card-body">
          {s.categories?.length ? (
            <div className="category-top">
              <span className="visually-hidden">{t("directory.card.categories")}: </span>
              {s.categories.slice(0, 2).map((c, i) => (
                <span key={c.code}>
                  {i > 0 ? <span aria-hidden="true"> · </span> : null}
                  <Link className="category" to={`/servizi?categoria=${encodeURIComponent(c.code)}`}>
                    {localized(c.name, c.translations, locale, "name")}
                  </Link>
                </span>
              ))}
            </div>
          ) : null}
          <Heading className="card-title h5 big-heading">
            <Link to={`/servizi/${s.slug}`} lang={locale !== "it" && !s.translations?.[locale]?.name ? "it" : undefined}>{name}</Link>
          </Heading>
          <p className="card-text font-serif">{localized(s.shortDescription, s.translations, locale, "shortDescription")}</p>
          <p className="card-text small mb-2">
            <span className="fw-semibold">{t("directory.card.organization")}:</span> {s.organizationName}
            {s.cities?.length ? <> · {s.cities.join(", ")}</> : null}
            {s.distanceKm !== null && s.distanceKm !== undefined ? <> · {t("directory.card.distance", { km: s.distanceKm.toLocaleString(locale === "ar" ? "ar-u-nu-latn" : locale) })}</> : null}
          </p>
          <p className="mb-0">
            <span className={`badge ${s.free ? "bg-success" : "bg-dark"} me-1 mb-1`}>{s.free ? t("common.free") : t("common.paid")}</span>
            <AccessBadge mode={s.accessMode} />
            {s.status && s.status !== "active" ? <span className="badge bg-danger me-1 mb-1">{t(`directory.status.${statusKey(s.status)}`)}</span> : null}
            {s.stale ? <StaleBadge /> : null}
          </p>
          {s.extra}
        </div>
      </div>
    </div>
  );
}

export function statusKey(status: string): string {
  return status === "temporarily closed" ? "temporarilyClosed" : status;
}
