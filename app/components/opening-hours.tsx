import { formatDayMonth, hhmm, weekdayList, weekdayName } from "~/lib/directory-format";
import { useI18n } from "~/lib/i18n";

export interface Slot { byday: string | string[]; opensAt: string; closesAt: string; description?: string | null }

/** Weekly opening times: "lunedì e mercoledì: 09:00–13:00". */
export function WeeklyHours(props: { slots: Slot[] }) {
  const { t, locale } = useI18n();
  if (!props.slots.length) return <p className="mb-0">{t("directory.hours.none")}</p>;
  return (
    <ul className="list-unstyled mb-0">
      {props.slots.map((s, i) => (
        <li key={i}>
          <span className="fw-semibold">{weekdayList(s.byday, locale)}</span>: {t("directory.hours.range", { from: hhmm(s.opensAt), to: hhmm(s.closesAt) })}
          {s.description ? <span className="text-muted"> ({s.description})</span> : null}
        </li>
      ))}
    </ul>
  );
}

const codesOf = (byday: string | string[]) => (Array.isArray(byday) ? byday : byday.split(",")).map((d) => d.trim().toUpperCase().slice(-2));

/** The next days with their date (dd/mm), localized weekday name and the hours of that day. */
export function UpcomingHours(props: { days: { date: string; weekday: string }[]; slots: Slot[]; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <table className="table table-sm opening-table mb-0">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("directory.hours.day")}</th>
          <th scope="col">{t("directory.hours.hours")}</th>
        </tr>
      </thead>
      <tbody>
        {props.days.map((d) => {
          const slots = props.slots.filter((s) => codesOf(s.byday).includes(d.weekday));
          return (
            <tr key={d.date}>
              <th scope="row" className="fw-normal">
                <span className="text-capitalize">{weekdayName(d.weekday, locale)}</span> {formatDayMonth(d.date)}
              </th>
              <td>
                {slots.length
                  ? slots.map((s) => t("directory.hours.range", { from: hhmm(s.opensAt), to: hhmm(s.closesAt) })).join(", ")
                  : t("directory.hours.closed")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
