import { z } from "zod";

// Shapes of the JSON files in ./data (see data/README.md).
const i18nText = z.object({ it: z.string().min(1) }).catchall(z.string());
const hours = z.array(z.object({ days: z.array(z.string()), opens: z.string(), closes: z.string() }));
const place = z.object({
  slug: z.string(), name: z.string(), address: z.string(), postalCode: z.string(),
  municipalityIstat: z.string(), lat: z.number(), lng: z.number(), openingHours: hours.optional(),
});

export const municipalitiesFile = z.array(z.object({
  istat: z.string().regex(/^\d{6}$/), name: z.string(), province: z.string(), lat: z.number(), lng: z.number(),
  population: z.number().int().nullable().optional(),
}));

export const networkFile = z.object({
  network: z.object({ slug: z.string(), name: z.string(), region: z.string(), description: z.string() }),
  centers: z.array(z.object({
    slug: z.string(), name: z.string(),
    managingBody: z.object({ name: z.string(), kind: z.enum(["public", "private"]) }),
    municipalityIstat: z.string(), email: z.string(), phone: z.string(), website: z.string().optional(),
    description: z.string(), howToReach: z.string(), territory: z.array(z.string()),
    funding: z.array(z.object({ source: z.string(), year: z.number().int(), amountEur: z.number() })),
    sites: z.array(place.extend({
      kind: z.enum(["hub", "spoke"]), phone: z.string().optional(), openingHours: hours,
      rooms: z.array(z.object({ slug: z.string(), name: z.string(), capacity: z.number().int(), accessible: z.boolean(), description: z.string().optional() })),
    })),
  })),
});

export const partnersFile = z.array(z.object({
  slug: z.string(), name: z.string(), kind: z.string(), description: z.string(),
  email: z.string().optional(), phone: z.string().optional(), website: z.string().optional(),
  locations: z.array(place),
}));

type Term = { code: string; name: z.infer<typeof i18nText>; description?: { it: string }; children?: Term[] };
const term: z.ZodType<Term> = z.lazy(() => z.object({
  code: z.string(), name: i18nText, description: z.object({ it: z.string() }).optional(), children: z.array(term).optional(),
}));

export const taxonomyFile = z.object({
  taxonomies: z.array(z.object({ slug: z.string(), name: z.string(), description: z.string(), version: z.string(), terms: z.array(term) })),
});

export const servicesFile = z.array(z.object({
  slug: z.string(), organization: z.string(), name: i18nText,
  shortDescription: i18nText, description: i18nText,
  audience: z.string(), howTo: z.string(), requiredDocuments: z.array(z.string()), outcome: z.string(),
  timing: z.string(), conditions: z.string(),
  categories: z.array(z.string()), lifeEvents: z.array(z.string()),
  minimumAge: z.number().nullable(), maximumAge: z.number().nullable(),
  free: z.boolean(), cost: z.object({ amountEur: z.number(), description: z.string() }).nullable(),
  languages: z.array(z.string()), accessibility: z.array(z.string()),
  accessMode: z.enum(["direct", "appointment", "referral"]), referralFrom: z.string().nullable().optional(),
  locations: z.array(z.string()).min(1),
  schedules: z.array(z.object({ days: z.array(z.string()), opens: z.string(), closes: z.string(), description: z.string().optional() })),
  contact: z.object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }),
  keywords: z.array(z.string()), status: z.enum(["active", "inactive", "defunct", "temporarily closed"]),
  lastVerified: z.string(),
}));

export const thesaurusFile = z.array(z.object({
  terms: z.array(z.string()).min(1), expandsTo: z.array(z.string()),
  categories: z.array(z.string()).default([]), lifeEvents: z.array(z.string()).default([]),
}));

export const searchQueriesFile = z.array(z.object({ q: z.string(), relevant: z.array(z.string()).min(1) }));

export type ServiceSeed = z.infer<typeof servicesFile>[number];
