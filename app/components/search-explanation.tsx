import { Link } from "react-router";
import { useI18n } from "~/lib/i18n";

/** What the search module tells about a query: a corrected spelling and the words it also searched. */
export interface Explanation {
  /** The query with typos corrected, when different from what was typed ("Forse cercavi"). */
  didYouMean?: string | null;
  /** Everyday words mapped to the directory's vocabulary ("Risultati anche per"). */
  alsoFor?: string[];
}

export function SearchExplanation(props: { explanation: Explanation; hrefFor: (q: string) => string }) {
  const { t } = useI18n();
  const { didYouMean, alsoFor } = props.explanation;
  if (!didYouMean && !alsoFor?.length) return null;
  return (
    <div className="mb-2">
      {didYouMean ? (
        <p className="mb-1">
          {t("directory.results.didYouMean")}{" "}
          <Link to={props.hrefFor(didYouMean)} className="fw-semibold">{didYouMean}</Link>?
        </p>
      ) : null}
      {alsoFor?.length ? (
        <p className="mb-1 small">
          {t("directory.results.alsoFor")}: {alsoFor.map((w, i) => (
            <span key={w}>{i > 0 ? ", " : ""}<em>{w}</em></span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
