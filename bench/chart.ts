/**
 * The scaling chart: median synth time and peak memory against the
 * consumer count, one line per layout, drawn by vega-lite and rendered to
 * SVG by vega without a browser or canvas.
 */
import type { TopLevelSpec } from "vega-lite";
import { Figures, Layout } from "./report";

export interface ChartPoint {
  readonly layout: Layout;
  readonly consumers: number;
  readonly seconds: number;
  readonly mib: number;
}

export function chartPoints(figures: Iterable<Figures>): ChartPoint[] {
  return [...figures].flatMap((f) =>
    f.case.layout !== undefined && f.case.consumers !== undefined
      ? [
          {
            layout: f.case.layout,
            consumers: f.case.consumers,
            seconds: Number(f.seconds.toFixed(3)),
            mib: Number(f.mib.toFixed(1)),
          },
        ]
      : [],
  );
}

const LAYOUTS: Layout[] = ["default config", "1 service", "10 services"];

/** One panel: a measure against N, with the budget at 1,000 consumers. */
function panel(
  field: "seconds" | "mib",
  title: string,
  budget: number,
  budgetLabel: string,
) {
  return {
    width: 300,
    height: 220,
    layer: [
      {
        mark: { type: "line" as const, point: true },
        encoding: {
          x: {
            field: "consumers",
            type: "quantitative" as const,
            title: "consumers (N)",
          },
          y: {
            field,
            type: "quantitative" as const,
            title,
            scale: { domainMin: 0 },
          },
          color: {
            field: "layout",
            type: "nominal" as const,
            title: null,
            scale: { domain: LAYOUTS },
          },
        },
      },
      {
        mark: {
          type: "rule" as const,
          strokeDash: [4, 4],
          color: "#888888",
        },
        encoding: { y: { datum: budget } },
      },
      {
        mark: {
          type: "text" as const,
          align: "right" as const,
          baseline: "bottom" as const,
          dy: -2,
          color: "#666666",
        },
        encoding: {
          x: { datum: 1000 },
          y: { datum: budget },
          text: { value: budgetLabel },
        },
      },
    ],
  };
}

export function chartSpec(
  points: readonly ChartPoint[],
  subtitle: string,
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "npm run synth against the consumer count (median of runs)",
      subtitle,
    },
    data: { values: [...points] },
    hconcat: [
      panel(
        "seconds",
        "wall time (s)",
        5,
        "budget: 5 s at 1,000 (10 services)",
      ),
      panel(
        "mib",
        "peak RSS (MiB)",
        400,
        "budget: 400 MiB at 1,000 (10 services)",
      ),
    ],
    config: { font: "sans-serif" },
  };
}

/** Renders a vega-lite spec to SVG text, headless. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vega = await import("vega");
  const { compile } = await import("vega-lite");
  const view = new vega.View(vega.parse(compile(spec).spec), {
    renderer: "none",
  });
  const svg = await view.toSVG();
  view.finalize();
  return svg + "\n";
}
