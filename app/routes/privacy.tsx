import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/privacy";

export function loader({ context }: Route.LoaderArgs) {
  return { title: context.t("legal.privacyTitle") };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title }];
}

export default function Page() {
  const { t } = useI18n();
  const paragraphs = t("legal.privacyBody", { returnObjects: true }) as unknown as string[];
  return (
    <>
      <PageTitle title={t("legal.privacyTitle")} />
      <div className="container px-4 mb-5 col-lg-8">
        {paragraphs.map((p) => <p key={p}>{p}</p>)}
      </div>
    </>
  );
}
