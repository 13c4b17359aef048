import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartMarker } from './chart-marker';
import { drawMarkers } from './draw-markers';

/** One line of a chart: values line up with the chart's `times`; null leaves a gap. */
export interface ChartLine {
  readonly label: string;
  readonly values: (number | null)[];
  readonly color: string;
  readonly dash?: readonly number[];
}

/** A visible range of the time axis, epoch seconds. */
export interface ZoomRange {
  readonly min: number;
  readonly max: number;
}

export interface TimeChartProps {
  readonly title: string;
  /** Says what the chart shows, for those who cannot see it. */
  readonly description: string;
  /** Epoch seconds, ascending. */
  readonly times: number[];
  readonly lines: readonly ChartLine[];
  readonly markers: readonly ChartMarker[];
  /** Prints a value of the y axis and the legend. */
  readonly format: (value: number) => string;
  readonly zoom: ZoomRange | null;
  /** Called with the range dragged across the chart, or null on double-click. */
  readonly onZoom: (zoom: ZoomRange | null) => void;
  readonly testId: string;
  readonly height?: number;
}

/**
 * A uPlot time-series chart: lines, timeline markers, zoom by dragging (shared through `zoom`
 * and `onZoom`), and a live legend. uPlot draws on a canvas: the figure's caption and
 * description say in words what it shows.
 */
export function TimeChart(props: TimeChartProps) {
  const { title, description, times, lines, markers, zoom, testId, height = 220 } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markersRef = useRef(markers);
  // Set when new data is handed to uPlot; the draw that follows marks `chart-drawn`.
  const dataPending = useRef(false);
  const titleRef = useRef(title);
  const formatRef = useRef(props.format);
  const onZoomRef = useRef(props.onZoom);
  const captionId = useId();
  // A new chart only when the lines themselves change, not their values.
  const shape = lines.map((line) => `${line.label}|${line.color}|${line.dash?.join(',') ?? ''}`).join(';');

  useEffect(() => {
    formatRef.current = props.format;
    onZoomRef.current = props.onZoom;
    titleRef.current = title;
  }, [props.format, props.onZoom, title]);

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const format = (value: number | null | undefined) => (value === null || value === undefined ? '–' : formatRef.current(value));
    const u = new uPlot({
      width: Math.max(element.clientWidth, 200),
      height,
      scales: { x: { time: true } },
      series: [
        {},
        ...shape.split(';').map((key) => {
          const [label = '', stroke = '', dash = ''] = key.split('|');
          return { label, stroke, width: 1.5, dash: dash === '' ? undefined : dash.split(',').map(Number), value: (_u: uPlot, value: number | null) => format(value) };
        }),
      ],
      axes: [{}, { size: 84, values: (_u, ticks) => ticks.map((tick) => format(tick)) }],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        bind: {
          dblclick: () => () => {
            onZoomRef.current(null);
            return null;
          },
        },
      },
      hooks: {
        setSelect: [(chart) => {
          const { left, width } = chart.select;
          if (width > 2) onZoomRef.current({ min: chart.posToVal(left, 'x'), max: chart.posToVal(left + width, 'x') });
          chart.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        }],
        draw: [(chart) => {
          drawMarkers(chart, markersRef.current);
          if (!dataPending.current) return;
          dataPending.current = false;
          // Read by `npm run bench -- web` (chart_draw_ms): when this chart had drawn its new data.
          // One mark per chart, the latest, so that a page left open does not pile them up.
          const mark = `chart-drawn:${titleRef.current}`;
          performance.clearMarks(mark);
          performance.mark(mark, { detail: { points: chart.data[0]?.length ?? 0 } });
        }],
      },
    }, [[]], element);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape, height]);

  useEffect(() => {
    const u = plot.current;
    if (u === null) return;
    dataPending.current = true;
    u.batch(() => {
      u.setData([times, ...lines.map((line) => line.values)]);
      if (zoom !== null) u.setScale('x', { min: zoom.min, max: zoom.max });
    });
  }, [times, lines, zoom, shape]);

  useEffect(() => {
    markersRef.current = markers;
    plot.current?.redraw(false);
  }, [markers]);

  return (
    <figure className="chart" data-testid={testId} aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <span className="chart-title">{title}</span>
        <span className="chart-description">{description}</span>
      </figcaption>
      <div ref={box} className="chart-canvas" role="img" aria-label={`${title}: ${description}`} />
    </figure>
  );
}
