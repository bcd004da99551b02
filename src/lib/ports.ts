/** An inclusive TCP port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** `443`, `8000-8010`: how tables and pictures show a range. */
export function portLabel(port: PortRange): string {
  return port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
}
