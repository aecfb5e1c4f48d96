import { PageTitle } from "~/components/page-title";
import { useI18n } from "~/lib/i18n";
import type { Route } from "./+types/note-legali";

export function loader({ context }: Route.LoaderArgs) {
  return { title: context.t("legal.legalTitle") };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.title }];
}

export default function Page() {
  const { t } = useI18n();
  const paragraphs = t("legal.legalBody", { returnObjects: true }) as unknown as string[];
  return (
    <>
      <PageTitle title={t("legal.legalTitle")} />
      <div className="container px-4 mb-5 col-lg-8">
        {paragraphs.map((p) => <p key={p}>{p}</p>)}
      </div>
    </>
  );
}
