import { Link } from "react-router";
import { availableSections, findScopeNames, requireStaff } from "@modules/identity";
import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice._index";

export const handle = { backoffice: true };

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title ?? "Area operatori" }, { name: "robots", content: "noindex" }];
}

/** Who am I, my roles and scopes, and the sections my roles open. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireStaff(request, context);
  const names = await findScopeNames(context.app.db, session.roles);
  return {
    title: context.t("identity.dashboard.title"),
    user: session.user,
    roles: session.roles.map((g) => ({ role: g.role, scopeType: g.scopeType, scopeName: g.scopeId ? names[g.scopeId] ?? g.scopeId : "" })),
    sections: availableSections(session).map((s) => ({ path: s.path, key: s.key })),
  };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  const { user, roles, sections } = loaderData;
  return (
    <>
      <PageTitle title={t("identity.dashboard.title")} />
      <div className="container px-4 mb-5">
        <div className="row g-4">
          <section className="col-lg-5" aria-labelledby="profile-heading">
            <div className="card card-bg shadow-sm h-100">
              <div className="card-body">
                <h2 id="profile-heading" className="h4 card-title">{t("identity.dashboard.whoAmI")}</h2>
                <dl className="mb-0">
                  <dt>{t("identity.dashboard.name")}</dt>
                  <dd>{user.name}</dd>
                  <dt>{t("identity.dashboard.email")}</dt>
                  <dd>{user.email}</dd>
                  <dt>{t("identity.dashboard.roles")}</dt>
                  <dd>
                    <ul className="ps-3 mb-0" data-testid="my-roles">
                      {roles.map((r) => (
                        <li key={`${r.role}-${r.scopeType}-${r.scopeName}`}>
                          <strong>{t(`identity.roles.${r.role}`)}</strong>
                          {" — "}
                          {t(`identity.scopes.${r.scopeType}`, { name: r.scopeName })}
                        </li>
                      ))}
                    </ul>
                  </dd>
                  <dt>{t("identity.dashboard.twoFactor")}</dt>
                  <dd>{user.twoFactorEnabled ? t("identity.dashboard.twoFactorOn") : t("identity.dashboard.twoFactorOff")}</dd>
                </dl>
              </div>
            </div>
          </section>
          <section className="col-lg-7" aria-labelledby="sections-heading">
            <h2 id="sections-heading" className="h4">{t("identity.dashboard.sections")}</h2>
            {sections.length === 0 ? <p>{t("identity.dashboard.noSections")}</p> : (
              <ul className="list-unstyled">
                {sections.map((s) => (
                  <li key={s.path} className="mb-3">
                    <div className="card card-bg shadow-sm">
                      <div className="card-body">
                        <h3 className="h5 card-title"><Link to={s.path}>{t(`identity.sections.${s.key}.title`)}</Link></h3>
                        <p className="card-text mb-0">{t(`identity.sections.${s.key}.description`)}</p>
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
