import { Link } from "react-router";
import { useI18n } from "~/lib/i18n";

export function SiteFooter(props: { networkName: string }) {
  const { t } = useI18n();
  return (
    <footer className="it-footer" id="footer">
      <div className="it-footer-main">
        <div className="container">
          <div className="row py-4">
            <div className="col-12 col-md-6">
              <p className="h5 text-white">{props.networkName}</p>
              <p className="text-white">{t("footer.poweredBy")}</p>
            </div>
            <div className="col-12 col-md-6">
              <ul className="list-unstyled">
                <li><Link className="text-white" to="/accessibilita" data-element="accessibility-link">{t("footer.accessibility")}</Link></li>
                <li><Link className="text-white" to="/privacy" data-element="privacy-policy-link">{t("footer.privacy")}</Link></li>
                <li><Link className="text-white" to="/note-legali" data-element="legal-notes">{t("footer.legal")}</Link></li>
                <li><Link className="text-white" to="/segnala-accessibilita" data-element="report-inefficiency">{t("footer.reportProblem")}</Link></li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}
