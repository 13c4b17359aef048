import type { ZoomRange } from '../charts/time-chart';
import { formatInstant } from '../format/time-text';
import { zoomedRange } from './time-range';

/**
 * Says which range the charts are zoomed to and at what step it was asked for, with the button
 * that zooms out; `data-from` and `data-to` carry the range requested, epoch ms.
 */
export function ZoomedTo({ zoom, onReset }: { readonly zoom: ZoomRange; readonly onReset: () => void }) {
  const { from, to, step } = zoomedRange(zoom);
  return (
    <span data-testid="zoomed-to" data-from={from} data-to={to} data-step={step}>
      {' '}Zoomed to {formatInstant(from)} – {formatInstant(to)}, a point every {step}.
      {' '}<button type="button" onClick={onReset}>Reset zoom</button>
    </span>
  );
}
