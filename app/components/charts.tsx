/**
 * Charts drawn on the server as SVG: readable without JavaScript, printable, no library. Each chart is an image
 * with a short text alternative; its numbers are in a data table next to it (visually hidden, read by screen
 * readers), so nothing is only in the drawing.
 */

export interface Series {
  name: string;
  /** CSS class of the bars and the legend swatch (colours in backoffice.css). */
  tone: 'primary' | 'secondary';
  values: (number | null)[];
}

const W = 640;
const H = 280;
const PAD = { top: 22, right: 8, bottom: 40, left: 40 };

function niceMax(value: number): number {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => value / m <= 5) ?? 10 * magnitude;
  return Math.ceil(value / step) * step;
}

/** Vertical bars, one group per category (a day), one bar per series (booked, present). */
export function GroupedBarChart({ label, categories, series }: { label: string; categories: string[]; series: Series[] }) {
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const group = plotW / Math.max(1, categories.length);
  const bar = Math.min(28, (group * 0.8) / series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="chart__svg" preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="chart__grid" />
            <text x={PAD.left - 6} y={y(t) + 4} className="chart__axis" textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          const x0 = PAD.left + i * group + (group - bar * series.length) / 2;
          return (
            <g key={category}>
              {series.map((s, k) => {
                const value = s.values[i];
                if (value === null || value === undefined) return null;
                return (
                  <g key={s.name}>
                    <rect
                      x={x0 + k * bar}
                      y={y(value)}
                      width={bar - 2}
                      height={Math.max(0, PAD.top + plotH - y(value))}
                      className={`chart__bar chart__bar--${s.tone}`}
                    />
                    <text x={x0 + k * bar + (bar - 2) / 2} y={y(value) - 3} className="chart__value" textAnchor="middle">
                      {value}
                    </text>
                  </g>
                );
              })}
              <text x={PAD.left + i * group + group / 2} y={H - PAD.bottom + 20} className="chart__axis" textAnchor="middle">
                {category.split(' ')[0]}
              </text>
              <text x={PAD.left + i * group + group / 2} y={H - PAD.bottom + 37} className="chart__axis" textAnchor="middle">
                {category.split(' ').slice(1).join(' ')}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend" aria-hidden="true">
        {series.map((s) => (
          <span key={s.name} className="chart__key">
            <span className={`chart__swatch chart__swatch--${s.tone}`} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Horizontal bars: a filled part (booked) over the whole (capacity), with « 45 / 150 » written beside. */
export function CapacityChart({
  label,
  rows,
  valueOnly = false,
}: {
  label: string;
  rows: { name: string; value: number; total: number }[];
  /** Write « 3 » instead of « 3 / 10 » (the bars are then relative to the largest value). */
  valueOnly?: boolean;
}) {
  const rowH = 30;
  const labelW = 250;
  const height = rows.length * rowH + 8;
  const barW = W - labelW - 90;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} className="chart__svg">
        {rows.map((row, i) => {
          const y = 4 + i * rowH;
          const share = row.total > 0 ? Math.min(1, row.value / row.total) : 0;
          return (
            <g key={`${row.name}-${i}`}>
              <text x={labelW - 8} y={y + 18} className="chart__axis" textAnchor="end">
                {row.name.length > 38 ? `${row.name.slice(0, 37)}…` : row.name}
              </text>
              <rect x={labelW} y={y + 4} width={barW} height={rowH - 10} className="chart__track" />
              <rect
                x={labelW}
                y={y + 4}
                width={barW * share}
                height={rowH - 10}
                className={`chart__bar chart__bar--${share >= 1 && !valueOnly ? 'full' : 'primary'}`}
              />
              <text x={labelW + barW + 8} y={y + 18} className="chart__value chart__value--left">
                {valueOnly ? String(row.value) : `${row.value} / ${row.total}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * The chart's numbers for screen readers: a real table, visually hidden. The box around it is what is hidden: a table
 * ignores the 1 px width and would widen a phone's page.
 */
export function ChartData({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, k) =>
                k === 0 ? (
                  <th scope="row" key={k}>
                    {cell}
                  </th>
                ) : (
                  <td key={k}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
