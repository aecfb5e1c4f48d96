import { redirect } from "react-router";
import { signOut } from "@modules/identity";
import type { Route } from "./+types/backoffice.esci";

/** Sign-out (POST only: a link could be triggered by another site). */
export async function action({ request, context }: Route.ActionArgs) {
  const headers = await signOut(context.app, { request, clientIp: context.clientIp });
  return redirect("/backoffice/accesso?uscito=1", { status: 303, headers });
}

export function loader() {
  return redirect("/backoffice");
}
