import { Form, useLocation, useSearchParams } from "react-router";
import { RATING_BETTER, RATING_WORSE } from "@modules/portal/portal.schemas";
import { useI18n } from "~/lib/i18n";

/**
 * Designers Italia page rating. Works without JavaScript: the stars post to /valutazione, which
 * redirects back here with ?valutazione=<id>&stelle=<n> to ask the follow-up question.
 */
export function PageRating() {
  const { t } = useI18n();
  const location = useLocation();
  const [params] = useSearchParams();
  const ratingId = params.get("valutazione");
  const stars = Number(params.get("stelle") ?? 0);
  const error = params.get("errore-valutazione");
  return (
    <section className="bg-primary py-5" id="valutazione" aria-labelledby="rating-title" data-element="feedback">
      <div className="container">
        <div className="row d-flex justify-content-center">
          <div className="col-12 col-lg-6">
            <div className="card shadow card-wrapper p-4">
              {ratingId === "grazie" ? (
                <p className="h5 mb-0" role="status">{t("rating.thanks")}</p>
              ) : ratingId && stars >= 1 && stars <= 5 ? (
                <Form method="post" action="/valutazione">
                  <input type="hidden" name="id" value={ratingId} />
                  <input type="hidden" name="stars" value={stars} />
                  <input type="hidden" name="path" value={location.pathname} />
                  <fieldset>
                    <legend className="h5" id="rating-title">{stars <= 3 ? t("rating.worse") : t("rating.better")}</legend>
                    {error ? <p className="text-danger" role="alert">{t(error)}</p> : null}
                    {(stars <= 3 ? RATING_WORSE : RATING_BETTER).map((reason) => (
                      <div className="form-check" key={reason}>
                        <input className="form-check-input" type="radio" name="reason" id={`reason-${reason}`} value={reason} required />
                        <label className="form-check-label" htmlFor={`reason-${reason}`}>
                          {t(`rating.${stars <= 3 ? "worseOptions" : "betterOptions"}.${reason}`)}
                        </label>
                      </div>
                    ))}
                  </fieldset>
                  <div className="form-group mt-4">
                    <label htmlFor="rating-comment" className="active">{t("rating.commentLabel")}</label>
                    <input type="text" className="form-control" id="rating-comment" name="comment" maxLength={200} aria-describedby="rating-comment-hint" />
                    <small id="rating-comment-hint" className="form-text">{t("rating.commentHint")}</small>
                  </div>
                  <button type="submit" className="btn btn-primary">{t("rating.send")}</button>
                </Form>
              ) : (
                <Form method="post" action="/valutazione">
                  <input type="hidden" name="path" value={location.pathname} />
                  <fieldset className="rating-stars">
                    <legend className="h5" id="rating-title">{t("rating.title")}</legend>
                    <p className="visually-hidden">{t("rating.stars")}</p>
                    {error ? <p className="text-danger" role="alert">{t(error)}</p> : null}
                    <div className="d-flex">
                      {[1, 2, 3, 4, 5].map((n) => (
                        <span key={n}>
                          <input type="radio" name="rating" id={`rating-${n}`} value={n} required />
                          <label htmlFor={`rating-${n}`}>
                            <span aria-hidden="true">★</span>
                            <span className="visually-hidden">{t("rating.star", { count: n })}</span>
                          </label>
                        </span>
                      ))}
                    </div>
                  </fieldset>
                  <button type="submit" className="btn btn-outline-primary mt-2">{t("rating.submit")}</button>
                </Form>
              )}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
