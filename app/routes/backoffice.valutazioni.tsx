import { summarizePageRatings } from "@modules/portal";
import { requireStaff, sectionRoles } from "@modules/identity";
import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice.valutazioni";

export const handle = { backoffice: true };

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "Valutazioni delle pagine" }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireStaff(request, context, { roles: sectionRoles("/backoffice/valutazioni") });
  return { title: context.t("identity.ratings.title"), rows: await summarizePageRatings(context.app.db) };
}

export default function Ratings({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale === "en" ? "en-GB" : locale === "ar" ? "ar-u-nu-latn" : "it-IT", { maximumFractionDigits: 2 });
  return (
    <>
      <PageTitle title={t("identity.ratings.title")} lead={t("identity.ratings.lead")} crumbs={[{ to: "/backoffice", label: t("identity.area") }]} />
      <div className="container px-4 mb-5">
        {loaderData.rows.length === 0 ? <p>{t("identity.ratings.empty")}</p> : (
          <div className="table-responsive">
            <table className="table table-striped">
              <caption>{t("identity.ratings.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("identity.ratings.page")}</th>
                  <th scope="col" className="text-end">{t("identity.ratings.count")}</th>
                  <th scope="col" className="text-end">{t("identity.ratings.average")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.rows.map((r) => (
                  <tr key={r.path}>
                    <th scope="row"><code dir="ltr">{r.path}</code></th>
                    <td className="text-end">{number.format(r.count)}</td>
                    <td className="text-end">{number.format(r.average)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
