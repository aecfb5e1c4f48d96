import { eq, sql } from "drizzle-orm";
import type { Database } from "../../platform/db/client.js";
import {
  contacts, phones, requiredDocuments, schedules, serviceAtLocations, services, serviceTerms, type Translations,
} from "./directory.tables.js";

/** One Postgres transaction handle or the database itself: writes compose inside callers' transactions. */
export type Tx = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

export interface ServiceRecord {
  id: string;
  organizationId: string;
  slug: string;
  name: string;
  alternateName?: string | null;
  shortDescription: string;
  description: string;
  url?: string | null;
  email?: string | null;
  status: "active" | "inactive" | "defunct" | "temporarily closed";
  audience: string;
  howTo: string;
  outcome: string;
  timing: string;
  conditions: string;
  minimumAge: number | null;
  maximumAge: number | null;
  free: boolean;
  costCents: number | null;
  feesDescription?: string | null;
  accessMode: "direct" | "appointment" | "referral";
  referralFrom?: string | null;
  keywords: string[];
  languages: string[];
  accessibility?: string[];
  translations: Translations;
  lastVerifiedAt: string | null;
  lastModified?: Date;
  locationIds: string[];
  schedules: { byday: string; opensAt: string; closesAt: string; description?: string | null }[];
  contacts: { id?: string; name?: string | null; email?: string | null; phone?: string | null }[];
  termIds: string[];
  requiredDocuments: string[];
}

/**
 * Creates or replaces a service with everything hanging from it, then refreshes its search
 * document. Callers wrap it in a transaction so that a listing is never half-written.
 */
export async function upsertService(tx: Tx, record: ServiceRecord): Promise<void> {
  const { id, locationIds, schedules: scheduleRows, contacts: contactRows, termIds, requiredDocuments: docs, ...fields } = record;
  const values = { id, ...fields, lastModified: record.lastModified ?? new Date() };
  await tx.insert(services).values(values).onConflictDoUpdate({ target: services.id, set: values });

  await tx.delete(serviceAtLocations).where(eq(serviceAtLocations.serviceId, id));
  await tx.delete(schedules).where(eq(schedules.serviceId, id));
  await tx.delete(contacts).where(eq(contacts.serviceId, id));
  await tx.delete(phones).where(eq(phones.serviceId, id));
  await tx.delete(serviceTerms).where(eq(serviceTerms.serviceId, id));
  await tx.delete(requiredDocuments).where(eq(requiredDocuments.serviceId, id));

  const uniqueLocations = [...new Set(locationIds)];
  if (uniqueLocations.length) {
    await tx.insert(serviceAtLocations).values(uniqueLocations.map((locationId) => ({ serviceId: id, locationId })));
  }
  if (scheduleRows.length) {
    await tx.insert(schedules).values(scheduleRows.map((s) => ({ serviceId: id, freq: "WEEKLY" as const, ...s })));
  }
  for (const c of contactRows) {
    const [contact] = await tx
      .insert(contacts)
      .values({ ...(c.id ? { id: c.id } : {}), serviceId: id, name: c.name ?? null, email: c.email ?? null })
      .returning({ id: contacts.id });
    if (c.phone) await tx.insert(phones).values({ serviceId: id, contactId: contact!.id, number: c.phone });
  }
  const uniqueTerms = [...new Set(termIds)];
  if (uniqueTerms.length) await tx.insert(serviceTerms).values(uniqueTerms.map((termId) => ({ serviceId: id, termId })));
  if (docs.length) await tx.insert(requiredDocuments).values(docs.map((document, position) => ({ serviceId: id, document, position })));
  await refreshServiceSearch(tx, id);
}

/**
 * Rebuilds the weighted Italian search document: name and everyday keywords (A), categories and
 * life events with the short description and audience (B), the full description (C), translated
 * names (D, language-neutral). Accents are stripped so "perche" finds "perché". Each linked
 * taxonomy term (and its parent) is also a lexeme "tx<code without punctuation>" (B), which the
 * search module's thesaurus boost matches (see taxonomyLexeme in src/modules/search).
 */
export async function refreshServiceSearch(tx: Tx, serviceId: string | null): Promise<void> {
  const filter = serviceId ? sql`where s.id = ${serviceId}` : sql``;
  await tx.execute(sql`
    update services s set
      search_vector =
        setweight(to_tsvector('italian', immutable_unaccent(s.name)), 'A') ||
        setweight(to_tsvector('italian', immutable_unaccent(array_to_string(s.keywords, ' '))), 'A') ||
        setweight(to_tsvector('italian', immutable_unaccent(coalesce((
          select string_agg(t.name, ' ') from service_terms st join taxonomy_terms t on t.id = st.term_id
          where st.service_id = s.id), ''))), 'B') ||
        setweight(to_tsvector('simple', coalesce((
          select string_agg('tx' || lower(regexp_replace(t.code, '[^a-zA-Z0-9]', '', 'g')) || coalesce(
            ' tx' || lower(regexp_replace(p.code, '[^a-zA-Z0-9]', '', 'g')), ''), ' ')
          from service_terms st join taxonomy_terms t on t.id = st.term_id left join taxonomy_terms p on p.id = t.parent_id
          where st.service_id = s.id), '')), 'B') ||
        setweight(to_tsvector('italian', immutable_unaccent(s.short_description || ' ' || s.audience)), 'B') ||
        setweight(to_tsvector('italian', immutable_unaccent(s.description)), 'C') ||
        setweight(to_tsvector('simple', immutable_unaccent(coalesce((
          select string_agg(v.value->>'name', ' ') from jsonb_each(s.translations) v), ''))), 'D'),
      search_text = lower(immutable_unaccent(s.name || ' ' || array_to_string(s.keywords, ' ')))
    ${filter}`);
}

/**
 * Rebuilds the vocabulary used to correct typos (words of the directory, of its taxonomy, of the
 * translated names and of the thesaurus), each with its lexeme in the search documents (`stem`:
 * the italian stem, or the word itself for translated names), so the search can tell a known
 * inflection ("separando") from a typo ("separazzione") with an index lookup.
 */
export async function rebuildSearchLexicon(tx: Tx, extraWords: string[] = []): Promise<void> {
  await tx.execute(sql`delete from search_lexicon`);
  await tx.execute(sql`
    insert into search_lexicon (word, frequency)
    select word, count(*)::int from (
      select regexp_split_to_table(lower(immutable_unaccent(
        name || ' ' || array_to_string(keywords, ' ') || ' ' || short_description || ' ' || description || ' ' || audience)), '[^a-z0-9]+') as word
      from services
      union all
      select regexp_split_to_table(lower(immutable_unaccent(name)), '[^a-z0-9]+') from taxonomy_terms
    ) w where length(word) >= 3 group by word`);
  const words = [...new Set(extraWords.flatMap((w) => w.toLowerCase().normalize("NFD").replace(/\p{Diacritic}/gu, "").split(/[^a-z0-9]+/)))].filter((w) => w.length >= 3);
  for (let i = 0; i < words.length; i += 500) {
    const chunk = words.slice(i, i + 500);
    await tx.execute(sql`
      insert into search_lexicon (word, frequency)
      select jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb), 1
      on conflict (word) do nothing`);
  }
  await tx.execute(sql`
    update search_lexicon x set stem = coalesce((select l.lexeme from unnest(to_tsvector('italian', x.word)) l limit 1), '')`);
  // Translated names are indexed unstemmed ('simple'): their lexemes are their own stems. They get
  // frequency 0 so that typo correction, which is for Italian, never suggests them.
  await tx.execute(sql`
    insert into search_lexicon (word, frequency, stem)
    select l.lexeme, 0, l.lexeme
    from services s, jsonb_each(s.translations) v, unnest(to_tsvector('simple', immutable_unaccent(coalesce(v.value->>'name', '')))) l
    where length(l.lexeme) >= 3 group by l.lexeme
    on conflict (word) do nothing`);
}
