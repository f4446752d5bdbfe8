import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as SVG: the qrcode library does the encoding, React draws its modules, so the code
 * is sharp at any print size. Error correction M survives a crease or a smudge on a card.
 */
interface QrCodeProps {
  text: string;
  label: string;
  className?: string;
  /** Light modules around the symbol; the standard's 4 unless the paper around it is blank anyway. */
  quiet?: number;
}

export function QrCode({ text, label, className, quiet = 4 }: QrCodeProps) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const parts: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
      }
    }
    return { size: modules.size, path: parts.join('') };
  }, [text]);
  return (
    <svg
      className={className}
      role="img"
      aria-label={label}
      viewBox={`${-quiet} ${-quiet} ${size + 2 * quiet} ${size + 2 * quiet}`}
      shapeRendering="crispEdges"
      data-qr-text={text}
    >
      <rect x={-quiet} y={-quiet} width={size + 2 * quiet} height={size + 2 * quiet} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
