const MAX_SCALE = 32;

/**
 * Zoom and pan shared by one or more same-sized surfaces (the image boxes of <dlab-zoom-group>, the
 * stage of <dlab-image-compare>): the mouse wheel or a pinch zooms around the pointer, a drag pans
 * once zoomed in, a double-click resets. The state is kept in fractions of a surface's size, so
 * that one state means the same view in every surface and survives resizing; `transform` turns it
 * into a CSS transform for content that fills its surface (transform-origin 0 0).
 */
export class ZoomPan {
  /** @param {(zoom: ZoomPan) => void} onChange called after every change of the view */
  constructor(onChange) {
    this.onChange = onChange;
    this.scale = 1;
    this.x = 0;
    this.y = 0;
  }

  get transform() {
    return `translate(${this.x * 100}%, ${this.y * 100}%) scale(${this.scale})`;
  }

  get state() {
    return { scale: this.scale, x: this.x, y: this.y };
  }

  reset() {
    this.set(1, 0, 0);
  }

  /** Zooms by `factor` keeping the content point under (px, py), fractions of the surface, still. */
  zoomAt(px, py, factor) {
    const scale = Math.min(MAX_SCALE, Math.max(1, this.scale * factor));
    const u = (px - this.x) / this.scale;
    const v = (py - this.y) / this.scale;
    this.set(scale, px - u * scale, py - v * scale);
  }

  panBy(dx, dy) {
    this.set(this.scale, this.x + dx, this.y + dy);
  }

  /** Keeps the content covering the whole surface: no empty margin can be dragged into view. */
  set(scale, x, y) {
    this.scale = scale;
    this.x = Math.min(0, Math.max(1 - scale, x));
    this.y = Math.min(0, Math.max(1 - scale, y));
    this.onChange(this);
  }

  /**
   * Listens on a surface. Listeners stay as long as the surface does (they live in its shadow
   * root), so nothing needs removing.
   */
  attach(surface) {
    const pointers = new Map();
    let last = null;
    const fraction = (event) => {
      const box = surface.getBoundingClientRect();
      return [(event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height];
    };
    // one finger or the mouse pans; two fingers pinch around their midpoint and pan with it
    const gesture = () => {
      const points = [...pointers.values()];
      const [x, y] = points
        .reduce(([sx, sy], [px, py]) => [sx + px, sy + py], [0, 0])
        .map((sum) => sum / points.length);
      const spread =
        points.length > 1 ? Math.hypot(points[0][0] - points[1][0], points[0][1] - points[1][1]) : 0;
      return { x, y, spread };
    };
    surface.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        // trackpads send small pixel deltas, mouse wheels ~100 per notch; line mode multiplies by ~16
        const delta = event.deltaY * (event.deltaMode === 1 ? 16 : 1);
        this.zoomAt(...fraction(event), Math.exp(-delta * 0.002));
      },
      { passive: false },
    );
    surface.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) {
        return;
      }
      surface.setPointerCapture(event.pointerId);
      pointers.set(event.pointerId, fraction(event));
      last = gesture();
    });
    surface.addEventListener('pointermove', (event) => {
      if (!pointers.has(event.pointerId)) {
        return;
      }
      pointers.set(event.pointerId, fraction(event));
      const now = gesture();
      if (last.spread > 0 && now.spread > 0) {
        this.zoomAt(now.x, now.y, now.spread / last.spread);
      }
      this.panBy(now.x - last.x, now.y - last.y);
      last = now;
    });
    const release = (event) => {
      pointers.delete(event.pointerId);
      last = pointers.size ? gesture() : null;
    };
    surface.addEventListener('pointerup', release);
    surface.addEventListener('pointercancel', release);
    surface.addEventListener('dblclick', () => this.reset());
  }
}
