import spriteUrl from "bootstrap-italia/dist/svg/sprites.svg?url";

/** A Bootstrap Italia sprite icon; decorative unless given a title. */
export function Icon(props: { name: string; className?: string; title?: string; size?: "xs" | "sm" | "lg" | "xl" }) {
  const classes = ["icon", props.size ? `icon-${props.size}` : "", props.className ?? ""].filter(Boolean).join(" ");
  return (
    <svg className={classes} aria-hidden={props.title ? undefined : true} role={props.title ? "img" : undefined} focusable="false">
      {props.title ? <title>{props.title}</title> : null}
      <use href={`${spriteUrl}#${props.name}`} />
    </svg>
  );
}
