/**
 * Horizontal bars in plain SVG: one row per group, the bar's length its value, the figures written beside it.
 * The chart is an image with a text alternative, and each bar carries its figures for screen readers.
 */
export interface Bar {
  key: string;
  label: string;
  value: number | null;
  /** Written after the value: counts, rates. */
  note?: string;
  tone?: 'good' | 'bad' | 'neutral';
}

const ROW = 30;
const LABEL = 120;
const WIDTH = 540;
const BAR = 190;

export function BarChart(props: {
  title: string;
  bars: Bar[];
  format(value: number | null): string;
  empty: string;
  id: string;
}) {
  if (!props.bars.length) return <p class="muted">{props.empty}</p>;
  const max = Math.max(1, ...props.bars.map((bar) => bar.value ?? 0));
  const height = props.bars.length * ROW + 8;
  const summary = props.bars
    .map((bar) => `${bar.label}: ${props.format(bar.value)}${bar.note ? ` (${bar.note})` : ''}`)
    .join('; ');
  return (
    <figure class="chart" id={props.id}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{summary}</desc>
        {props.bars.map((bar, i) => {
          const y = i * ROW + 4;
          const length = bar.value ? Math.max(2, (bar.value / max) * BAR) : 0;
          return (
            <g key={bar.key} class={`bar ${bar.tone ?? 'neutral'}`} data-group={bar.key}>
              <text
                x={LABEL - 8}
                y={y + ROW / 2}
                text-anchor="end"
                dominant-baseline="middle"
                class="bar-label"
              >
                {bar.label}
              </text>
              <rect x={LABEL} y={y + 5} width={length} height={ROW - 10} rx={3} />
              {/* A zero still shows a tick, so that an empty bar is not mistaken for a missing one. */}
              <line x1={LABEL} x2={LABEL} y1={y + 3} y2={y + ROW - 3} class="axis" />
              <text x={LABEL + length + 6} y={y + ROW / 2} dominant-baseline="middle" class="bar-value">
                {props.format(bar.value)}
                {bar.note ? ` · ${bar.note}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
