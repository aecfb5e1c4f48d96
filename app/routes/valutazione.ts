import { redirect } from "react-router";
import { createPageRating, completePageRating, pageRatingFollowUp, pageRatingInput } from "@modules/portal";
import type { Route } from "./+types/valutazione";

function backTo(path: string, params: Record<string, string>) {
  const safe = path.startsWith("/") && !path.startsWith("//") ? path : "/";
  return redirect(`${safe}?${new URLSearchParams(params)}#valutazione`, 303);
}

/** Stores a page rating (step 1: stars; step 2: the follow-up answer and comment). */
export async function action({ request, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await request.formData());
  const path = typeof form.path === "string" ? form.path : "/";
  if (form.id) {
    const parsed = pageRatingFollowUp.safeParse(form);
    if (!parsed.success) {
      const stars = String(form.stars ?? "");
      return backTo(path, { valutazione: String(form.id), stelle: stars || "1", "errore-valutazione": parsed.error.issues[0]!.message });
    }
    const ok = await completePageRating(context.app.db, parsed.data);
    if (!ok) throw new Response("Valutazione non trovata", { status: 404 });
    return backTo(path, { valutazione: "grazie" });
  }
  const parsed = pageRatingInput.safeParse(form);
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === "path")) throw new Response("Pagina non valida", { status: 400 });
    return backTo(path, { "errore-valutazione": "rating.errors.rating" });
  }
  const id = await createPageRating(context.app.db, parsed.data, context.locale);
  return backTo(parsed.data.path, { valutazione: id, stelle: String(parsed.data.rating) });
}

export function loader() {
  return redirect("/");
}
