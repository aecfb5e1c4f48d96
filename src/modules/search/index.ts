export { THESAURUS, THESAURUS_WORDS, GENERIC_WORDS, type ThesaurusEntry } from "./thesaurus.js";
export { rankServiceIds, searchServicesQuery, searchServicesSql, RANKING, type RankOptions } from "./search-rank.js";
export { planSearch, clearSearchCache, type SearchPlan, type WordReading } from "./search-plan.service.js";
export { explainSearch, type SearchExplanation } from "./search-explain.service.js";
export { normalizeText, tokenizeQuery } from "./search-normalize.js";
