import { Link } from "react-router";
import { findPrimaryNetwork, listCenters } from "@modules/network";
import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/centri._index";

export function meta({ data: d }: Route.MetaArgs) {
  return [
    { title: `${d?.title ?? "Centri per le famiglie"} · ${d?.networkName ?? "Crocevia"}` },
    { name: "description", content: d?.description ?? "" },
  ];
}

export async function loader({ context }: Route.LoaderArgs) {
  const network = await findPrimaryNetwork(context.app.db);
  const centers = network ? await listCenters(context.app.db, network.id) : [];
  return {
    networkName: network?.name ?? "Crocevia",
    title: context.t("directory.centers.title"),
    description: context.t("directory.centers.lead"),
    centers: centers.map(({ center, municipality }) => ({
      slug: center.slug,
      name: center.name,
      municipality: municipality.name,
      managingBodyName: center.managingBodyName,
      managingBodyKind: center.managingBodyKind,
      phone: center.phone,
      email: center.email,
      description: center.description,
    })),
  };
}

export default function Centers({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  return (
    <>
      <PageTitle title={t("directory.centers.title")} lead={t("directory.centers.lead")} />
      <div className="container px-4 mb-5">
        <ul className="row list-unstyled">
          {loaderData.centers.map((c) => (
            <li key={c.slug} className="col-12 col-md-6 col-lg-4 mb-4">
              <div className="card card-bg rounded shadow-sm h-100">
                <div className="card-body">
                  <h2 className="card-title h5"><Link to={`/centri/${c.slug}`}>{c.name}</Link></h2>
                  <p className="card-text small mb-2">{c.municipality} · {c.managingBodyName} ({t(`directory.centers.kind.${c.managingBodyKind}`)})</p>
                  <p className="card-text font-serif" lang={locale !== "it" ? "it" : undefined}>{c.description.split("\n")[0]}</p>
                  <ul className="list-unstyled small mb-0">
                    {c.phone ? <li>{t("directory.service.phone")}: <a href={`tel:${c.phone.replace(/\s+/g, "")}`}>{c.phone}</a></li> : null}
                    {c.email ? <li>{t("directory.service.email")}: <a href={`mailto:${c.email}`}>{c.email}</a></li> : null}
                  </ul>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
