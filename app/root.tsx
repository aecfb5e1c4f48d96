import {
  isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteError, useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import biCss from "bootstrap-italia/dist/css/bootstrap-italia.min.css?url";
import fontsCss from "./styles/fonts.css?url";
import appCss from "./styles/app.css?url";
import { textDirection } from "@platform/i18n/locales";
import { messagesFor } from "@platform/i18n/catalog";
import { findPrimaryNetwork } from "@modules/network";
import { I18nProvider, useI18n } from "~/lib/i18n";
import { SiteHeader } from "~/components/site-header";
import { SiteFooter } from "~/components/site-footer";
import { PageRating } from "~/components/page-rating";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: biCss },
  { rel: "stylesheet", href: fontsCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const network = await findPrimaryNetwork(context.app.db);
  return {
    locale: context.locale,
    dir: textDirection(context.locale),
    messages: messagesFor(context.locale),
    fallback: messagesFor("it"),
    networkName: network?.name ?? "Crocevia",
    nonce: context.nonce,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

/** Route handles: `{ backoffice: true }` hides the public page rating. */
export interface RouteHandle { backoffice?: boolean; noRating?: boolean }

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale = data?.locale ?? "it";
  const dir = data?.dir ?? "ltr";
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {data ? (
          <I18nProvider locale={locale} dir={dir} messages={data.messages} fallback={data.fallback}>
            {children}
          </I18nProvider>
        ) : (
          children
        )}
        <ScrollRestoration nonce={data?.nonce} />
        <Scripts nonce={data?.nonce} />
      </body>
    </html>
  );
}

function Shell(props: { children: React.ReactNode; networkName: string; showRating: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <div className="skiplink">
        <a className="visually-hidden-focusable" href="#main-content">{t("app.skipToContent")}</a>
        <a className="visually-hidden-focusable" href="#footer">{t("app.skipToFooter")}</a>
      </div>
      <SiteHeader networkName={props.networkName} />
      <main id="main-content">{props.children}</main>
      {props.showRating ? <PageRating /> : null}
      <SiteFooter networkName={props.networkName} />
    </>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  const matches = useMatches();
  const handle = matches.reduce<RouteHandle>((acc, m) => ({ ...acc, ...((m.handle as RouteHandle) ?? {}) }), {});
  return (
    <Shell networkName={data.networkName} showRating={!handle.backoffice && !handle.noRating}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootData>("root");
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const body = <ErrorContent notFound={notFound} status={isRouteErrorResponse(error) ? error.status : 500} />;
  if (!data) return <main className="container my-5">{body}</main>;
  return <Shell networkName={data.networkName} showRating={false}>{body}</Shell>;
}

function ErrorContent(props: { notFound: boolean; status: number }) {
  let t: (k: string) => string;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    t = useI18n().t;
  } catch {
    t = (k) => ({ "errors.notFound": "Pagina non trovata", "errors.title": "Si è verificato un problema", "errors.notFoundText": "La pagina che cerchi non esiste.", "errors.generic": "Riprova tra qualche minuto.", "errors.backHome": "Torna alla home" })[k] ?? k;
  }
  return (
    <div className="container my-5">
      <title>{props.notFound ? t("errors.notFound") : t("errors.title")}</title>
      <h1>{props.notFound ? t("errors.notFound") : t("errors.title")}</h1>
      <p>{props.notFound ? t("errors.notFoundText") : props.status < 500 ? t("errors.badRequest") : t("errors.generic")}</p>
      <Link to="/" className="btn btn-primary">{t("errors.backHome")}</Link>
    </div>
  );
}
