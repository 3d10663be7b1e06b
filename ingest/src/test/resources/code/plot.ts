import { Histogram } from "./histogram";

export const MAX_BINS = 200;
const pattern = /[{}]+/g;

/** Fills a histogram from energies. */
export function fillHistogram(energies: number[], bins = 50): Histogram {
  const h = new Histogram(bins);
  energies.forEach((e) => {
    h.fill(e);
  });
  return h;
}

export const normalise = (values: number[]): number[] => {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => v / total);
};

export class SpectrumPlot extends BasePlot {
  private title = `Spectrum {${MAX_BINS}}`;

  constructor(private readonly canvas: Canvas) {
    super();
  }

  render(data: number[]): void {
    this.canvas.draw(normalise(data));
  }

  onClick = (event: MouseEvent) => {
    console.log(event);
  };
}
