import { redirect } from "react-router";
import { isLocale } from "@platform/i18n/locales";
import type { Route } from "./+types/lingua";

/** Sets the interface language (a cookie) and goes back; works without JavaScript. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const back = String(form.get("redirectTo") ?? "/");
  const safeBack = back.startsWith("/") && !back.startsWith("//") ? back.replace(/([?&])lang=[a-z]{2}&?/, "$1") : "/";
  if (!isLocale(lang)) return redirect(safeBack, 303);
  return redirect(safeBack, {
    status: 303,
    headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
}

export function loader() {
  return redirect("/");
}
