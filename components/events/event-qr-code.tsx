import QRCode from "qrcode";
import styles from "./event-link.module.css";

// Made on the server with `qrcode` and shown as an <img> of an SVG data URL: the
// Content-Security-Policy already allows data: images, and nothing runs in the browser.
// Margin 4 is the quiet zone the QR standard asks for; level M survives a projector's glare.
const OPTIONS = { errorCorrectionLevel: "M", margin: 4, color: { dark: "#14171cff", light: "#ffffffff" } } as const;

/** The attendee link as a QR code, big enough to scan from a slide, with SVG and PNG downloads. */
export async function EventQrCode({ url, slug }: { url: string; slug: string }) {
  const [svg, png] = await Promise.all([QRCode.toString(url, { ...OPTIONS, type: "svg" }), QRCode.toDataURL(url, { ...OPTIONS, width: 1200 })]);
  const svgUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return (
    <figure className={styles.qr}>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made here; next/image would only copy it */}
      <img src={svgUrl} alt={`QR code for ${url}`} className={styles.qrImage} width={320} height={320} data-testid="event-qr" />
      <figcaption className={styles.qrCaption}>
        <span>Scan to open the event. For a slide, download it:</span>
        <span className={styles.downloads}>
          <a href={svgUrl} download={`podium-${slug}-qr.svg`}>
            SVG (sharp at any size)
          </a>
          <a href={png} download={`podium-${slug}-qr.png`}>
            PNG, 1200 px
          </a>
        </span>
      </figcaption>
    </figure>
  );
}
