import { Form, isRouteErrorResponse, Link, NavLink, Outlet, useRouteError, useRouteLoaderData } from "react-router";
import { availableSections, getStaffSession } from "@modules/identity";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/backoffice";

export const handle = { backoffice: true };

/** The frame's title, also used when a child page fails (403 and others). */
export function meta({ data, error }: Route.MetaArgs) {
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const title = forbidden ? data?.titles.forbidden ?? "Accesso non consentito" : data?.titles.area ?? "Area operatori";
  return [{ title }, { name: "robots", content: "noindex" }];
}

/** The back-office frame: who is signed in, the sections they may open, and the sign-out button. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getStaffSession(request, context.app);
  const titles = { area: context.t("identity.area"), forbidden: context.t("identity.errors.forbiddenTitle") };
  if (!session) return { titles, user: null, sections: [] };
  return {
    titles,
    user: { name: session.user.name },
    sections: availableSections(session).map((s) => ({ path: s.path, key: s.key })),
  };
}

type LayoutData = Awaited<ReturnType<typeof loader>>;

function BackofficeBar(props: { data: LayoutData | undefined }) {
  const { t } = useI18n();
  const user = props.data?.user;
  if (!user) return null;
  return (
    <div className="bg-light border-bottom">
      <div className="container px-4 py-2 d-flex flex-wrap align-items-center justify-content-between gap-2">
        <nav aria-label={t("identity.sectionsNav")}>
          <ul className="list-inline mb-0">
            <li className="list-inline-item me-3">
              <NavLink to="/backoffice" end className="fw-semibold">{t("identity.area")}</NavLink>
            </li>
            {props.data!.sections.map((s) => (
              <li className="list-inline-item me-3" key={s.path}>
                <NavLink to={s.path}>{t(`identity.sections.${s.key}.title`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="d-flex align-items-center gap-3">
          <span>{t("identity.signedInAs", { name: user.name })}</span>
          <Form method="post" action="/backoffice/esci">
            <button type="submit" className="btn btn-outline-primary btn-sm">{t("identity.signOut")}</button>
          </Form>
        </div>
      </div>
    </div>
  );
}

export default function BackofficeLayout({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <BackofficeBar data={loaderData} />
      <Outlet />
    </>
  );
}

/** 403 (and other errors) inside the back-office, with the frame still in place. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<LayoutData>("routes/backoffice");
  const { t } = useI18n();
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <>
      <BackofficeBar data={data} />
      <div className="container px-4 my-5">
        <h1>{forbidden ? t("identity.errors.forbiddenTitle") : t("errors.title")}</h1>
        <p>{forbidden ? t("identity.errors.forbidden") : status === 404 ? t("errors.notFoundText") : status < 500 ? t("errors.badRequest") : t("errors.generic")}</p>
        <Link to={data?.user ? "/backoffice" : "/"} className="btn btn-primary">
          {data?.user ? t("identity.area") : t("errors.backHome")}
        </Link>
      </div>
    </>
  );
}
