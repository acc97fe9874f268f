/**
 * A spatial grid index of partners (rule DSP-9 zone check, DSP-7 location), so that
 * finding the partners whose zone covers a client never scans every partner.
 * Partners are indexed by their own position; a query visits the cells within the
 * largest radius of any partner and then filters exactly on each partner's own radius.
 */
import { EARTH_RADIUS_KM, distanceKm } from './geo';
import { compareIds } from './ids';

export interface GridPartner {
  id: number | string;
  lat: number;
  lng: number;
  radiusKm: number;
}

export interface NearPartner<P> {
  partner: P;
  distanceKm: number;
}

const KM_PER_DEGREE = (2 * Math.PI * EARTH_RADIUS_KM) / 360;
const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;
/** ~1 cm of slack so that float rounding never drops a partner right on the box's edge. */
const EDGE_SLACK_DEG = 1e-7;

/** The partners of one radius class: their cells, and the largest radius among them. */
interface RadiusClass<P> {
  cells: Map<number, P[]>;
  largestRadiusKm: number;
}

export class PartnerGrid<P extends GridPartner> {
  private readonly latStep: number;
  /** Divides 360 exactly, so that column numbers wrap cleanly around the antimeridian. */
  private readonly lngStep: number;
  private readonly rows: number;
  private readonly cols: number;
  private readonly cellKm: number;
  /**
   * Partners by radius class (radius rounded up to whole cells): a query visits, for each
   * class, only the cells within that class's largest radius. With one box sized for the
   * largest radius, most partners examined were too far for their own smaller radius
   * (the large demo: 185 examined for 47 found per order; by class, about a third of that).
   */
  private readonly classes = new Map<number, RadiusClass<P>>();
  private readonly cellOf = new Map<number | string, { cls: number; key: number }>();
  private largestRadiusKm = 0;
  /** Partners examined by the last near() or visitNear() — for tests and diagnostics. */
  lastScanned = 0;

  /** @param cellKm cell side along a meridian (default 10 km ≈ 0.09°). */
  constructor(partners: Iterable<P> = [], opts: { cellKm?: number } = {}) {
    const cellKm = opts.cellKm ?? 10;
    if (!(cellKm > 0)) throw new RangeError(`cellKm must be positive: ${cellKm}`);
    this.cellKm = cellKm;
    this.latStep = cellKm / KM_PER_DEGREE;
    this.rows = Math.floor(180 / this.latStep) + 1;
    this.cols = Math.ceil(360 / this.latStep);
    this.lngStep = 360 / this.cols;
    for (const p of partners) this.insert(p);
  }

  get size(): number {
    return this.cellOf.size;
  }

  /** The largest radius ever inserted: an upper bound is all near() needs, so removals keep it. */
  get maxRadiusKm(): number {
    return this.largestRadiusKm;
  }

  insert(partner: P): void {
    this.remove(partner.id);
    const cls = Math.max(0, Math.ceil(partner.radiusKm / this.cellKm));
    let radiusClass = this.classes.get(cls);
    if (!radiusClass) {
      radiusClass = { cells: new Map(), largestRadiusKm: 0 };
      this.classes.set(cls, radiusClass);
    }
    const key = this.key(this.row(partner.lat), this.col(partner.lng));
    const cell = radiusClass.cells.get(key);
    if (cell) cell.push(partner);
    else radiusClass.cells.set(key, [partner]);
    this.cellOf.set(partner.id, { cls, key });
    radiusClass.largestRadiusKm = Math.max(radiusClass.largestRadiusKm, partner.radiusKm);
    this.largestRadiusKm = Math.max(this.largestRadiusKm, partner.radiusKm);
  }

  remove(id: number | string): boolean {
    const at = this.cellOf.get(id);
    if (at === undefined) return false;
    const cells = this.classes.get(at.cls)!.cells;
    const rest = (cells.get(at.key) ?? []).filter((p) => p.id !== id);
    if (rest.length === 0) cells.delete(at.key);
    else cells.set(at.key, rest);
    this.cellOf.delete(id);
    return true;
  }

  /**
   * The partners whose own radius covers (lat, lng), nearest first (then by id).
   * `maxRadiusKm` bounds the search; by default the largest radius in the grid.
   */
  near(lat: number, lng: number, maxRadiusKm: number = this.largestRadiusKm): NearPartner<P>[] {
    const out: NearPartner<P>[] = [];
    this.visitNear(lat, lng, (partner, km) => out.push({ partner, distanceKm: km }), maxRadiusKm);
    return out.sort((a, b) => a.distanceKm - b.distanceKm || compareIds(a.partner.id, b.partner.id));
  }

  /**
   * The same partners as near(), handed to `visit` in no particular order, without building
   * or sorting a list — for a caller that ranks them its own way anyway (the simulator).
   */
  visitNear(lat: number, lng: number, visit: (partner: P, distanceKm: number) => void, maxRadiusKm: number = this.largestRadiusKm): void {
    this.lastScanned = 0;
    for (const radiusClass of this.classes.values()) {
      const reach = Math.min(radiusClass.largestRadiusKm, maxRadiusKm);
      const { rowFrom, rowTo, colFrom, colTo } = this.cellRange(lat, lng, reach);
      for (let r = rowFrom; r <= rowTo; r++) {
        for (let c = colFrom; c <= colTo; c++) {
          const cell = radiusClass.cells.get(this.key(r, ((c % this.cols) + this.cols) % this.cols));
          if (!cell) continue;
          for (const partner of cell) {
            this.lastScanned++;
            const km = distanceKm(partner.lat, partner.lng, lat, lng);
            if (km <= partner.radiusKm && km <= maxRadiusKm) visit(partner, km);
          }
        }
      }
    }
  }

  /** The rows and columns of the cells that may hold a point within `radiusKm` of (lat, lng) on the sphere. */
  private cellRange(lat: number, lng: number, radiusKm: number): { rowFrom: number; rowTo: number; colFrom: number; colTo: number } {
    const angular = radiusKm / EARTH_RADIUS_KM; // radians
    const dLat = toDeg(angular) + EDGE_SLACK_DEG;
    const rowFrom = Math.max(0, this.row(lat - dLat));
    const rowTo = Math.min(this.rows - 1, this.row(lat + dLat));
    // Longitude half-width of a spherical cap (Matuschek): asin(sin δ / cos φ); when the
    // cap reaches a pole, every longitude is possible.
    const ratio = Math.sin(angular) / Math.cos(toRad(lat));
    const reachesPole = lat + dLat >= 90 || lat - dLat <= -90 || ratio >= 1;
    const dLng = reachesPole ? 180 : toDeg(Math.asin(ratio)) + EDGE_SLACK_DEG;
    const colFrom = Math.floor((lng - dLng + 180) / this.lngStep);
    const colTo = Math.floor((lng + dLng + 180) / this.lngStep);
    // Every column: from 0; otherwise columns past either end wrap around the antimeridian (visitNear takes them modulo `cols`).
    return colTo - colFrom + 1 >= this.cols ? { rowFrom, rowTo, colFrom: 0, colTo: this.cols - 1 } : { rowFrom, rowTo, colFrom, colTo };
  }

  private row(lat: number): number {
    return Math.floor((Math.min(90, Math.max(-90, lat)) + 90) / this.latStep);
  }

  private col(lng: number): number {
    const normalized = ((((lng + 180) % 360) + 360) % 360) - 180; // [-180, 180)
    return Math.floor((normalized + 180) / this.lngStep) % this.cols;
  }

  private key(row: number, col: number): number {
    return row * this.cols + col;
  }
}
