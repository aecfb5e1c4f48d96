import { useEffect, useRef, useState } from "react";
import markerIcon from "leaflet/dist/images/marker-icon.png?url";
import markerIcon2x from "leaflet/dist/images/marker-icon-2x.png?url";
import markerShadow from "leaflet/dist/images/marker-shadow.png?url";
import { useI18n } from "~/lib/i18n";

export interface MapPlace {
  id: string;
  name: string;
  address?: string | null;
  lat: number;
  lng: number;
  links: { href: string; label: string }[];
}

/**
 * A Leaflet map of places, loaded only in the browser (dynamic import after hydration). Without
 * JavaScript nothing is rendered here: pages always show the same places as an accessible list.
 * Popups are built as DOM nodes (no HTML strings), so content stays escaped.
 */
export function PlacesMap(props: { places: MapPlace[]; tileUrl: string; label: string; height?: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState(false);
  const [tilesFailed, setTilesFailed] = useState(false);
  const placesKey = props.places.map((p) => p.id).join(",");

  useEffect(() => setMounted(true), []);

  useEffect(() => {
    if (!mounted || !ref.current || props.places.length === 0) return;
    let disposed = false;
    let map: import("leaflet").Map | null = null;
    void import("leaflet").then((mod) => {
      const L = (mod as unknown as { default?: typeof import("leaflet") }).default ?? mod;
      if (disposed || !ref.current) return;
      const icon = L.icon({
        iconUrl: markerIcon, iconRetinaUrl: markerIcon2x, shadowUrl: markerShadow,
        iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], tooltipAnchor: [16, -28], shadowSize: [41, 41],
      });
      map = L.map(ref.current, { scrollWheelZoom: false });
      let loaded = 0;
      let failed = 0;
      L.tileLayer(props.tileUrl, {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      })
        .on("tileload", () => { loaded++; })
        .on("tileerror", () => {
          failed++;
          if (loaded === 0 && failed >= 4) setTilesFailed(true);
        })
        .addTo(map);
      const bounds = L.latLngBounds([]);
      for (const place of props.places) {
        const popup = document.createElement("div");
        const title = document.createElement("strong");
        title.textContent = place.name;
        popup.append(title);
        if (place.address) {
          const address = document.createElement("div");
          address.textContent = place.address;
          popup.append(address);
        }
        const list = document.createElement("ul");
        list.className = "list-unstyled mb-0 mt-1";
        for (const link of place.links) {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = link.href;
          a.textContent = link.label;
          li.append(a);
          list.append(li);
        }
        popup.append(list);
        L.marker([place.lat, place.lng], { icon, alt: place.name, title: place.name, keyboard: true }).bindPopup(popup).addTo(map);
        bounds.extend([place.lat, place.lng]);
      }
      if (props.places.length === 1) map.setView(bounds.getCenter(), 15);
      else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    });
    return () => {
      disposed = true;
      map?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mounted, placesKey, props.tileUrl]);

  if (!mounted || props.places.length === 0) return null;
  return (
    <div className="mb-4">
      <div ref={ref} className="map-container border" role="region" aria-label={props.label} style={props.height ? { height: props.height } : undefined} />
      {tilesFailed ? <p className="small text-muted mt-2" role="status">{t("directory.map.tilesUnavailable")}</p> : null}
    </div>
  );
}
