import type { ServicePage } from "./directory-page.queries.js";

/**
 * schema.org GovernmentService for a scheda servizio (Designers Italia asks for it in
 * `<script data-element="metatag" type="application/ld+json">`).
 */
export function serviceJsonLd(service: ServicePage, pageUrl: string): Record<string, unknown> {
  const phones = [...new Set([...service.phones.map((p) => p.number), ...service.places.flatMap((p) => p.phones)])];
  const email = service.email ?? service.contacts.find((c) => c.email)?.email ?? service.organization.email ?? undefined;
  const towns = [...new Set(service.places.map((p) => p.municipalityName).filter((n): n is string => Boolean(n)))];
  return {
    "@context": "https://schema.org",
    "@type": "GovernmentService",
    name: service.name,
    description: service.shortDescription || service.description,
    url: pageUrl,
    serviceType: service.categories[0]?.name ?? "Servizio per le famiglie",
    category: service.categories.map((c) => c.name),
    provider: {
      "@type": service.organization.kind === "center" ? "GovernmentOrganization" : "Organization",
      name: service.organization.name,
      ...(service.organization.email ? { email: service.organization.email } : {}),
      ...(service.organization.phone ? { telephone: service.organization.phone } : {}),
      ...(service.organization.website ? { url: service.organization.website } : {}),
    },
    areaServed: towns.map((name) => ({ "@type": "City", name })),
    availableChannel: {
      "@type": "ServiceChannel",
      name: service.accessMode === "appointment" ? "Su appuntamento" : service.accessMode === "referral" ? "Su invio dei servizi" : "Accesso diretto",
      serviceUrl: service.url ?? pageUrl,
      availableLanguage: service.languages,
      ...(phones[0] || email
        ? { servicePhone: { "@type": "ContactPoint", ...(phones[0] ? { telephone: phones[0] } : {}), ...(email ? { email } : {}) } }
        : {}),
      serviceLocation: service.places.map((p) => ({
        "@type": "Place",
        name: p.name,
        address: {
          "@type": "PostalAddress",
          ...(p.address ? { streetAddress: p.address } : {}),
          ...(p.postalCode ? { postalCode: p.postalCode } : {}),
          ...(p.municipalityName ? { addressLocality: p.municipalityName } : {}),
          ...(p.province ? { addressRegion: p.province } : {}),
          addressCountry: "IT",
        },
        ...(p.lat !== null && p.lng !== null ? { geo: { "@type": "GeoCoordinates", latitude: p.lat, longitude: p.lng } } : {}),
      })),
    },
    audience: {
      "@type": "PeopleAudience",
      audienceType: service.audience || service.lifeEvents.map((e) => e.name).join(", ") || "Famiglie",
      ...(service.minimumAge !== null ? { suggestedMinAge: service.minimumAge } : {}),
      ...(service.maximumAge !== null ? { suggestedMaxAge: service.maximumAge } : {}),
    },
    isAccessibleForFree: service.free,
    ...(service.lastVerifiedAt ? { dateModified: service.lastVerifiedAt } : {}),
  };
}

/** JSON for an HTML <script> data block: "<" escaped so "</script>" in content cannot close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
