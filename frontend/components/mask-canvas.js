/**
 * <dlab-mask-canvas src="…" brush="24">: paint an inpainting mask over an image.
 * White strokes mark what to repaint. The mask, at the image's own size, is the element's
 * `value` (a PNG data URL, empty when nothing is painted); `mask-changed` fires after each stroke.
 */
class MaskCanvas extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'brush'];
  }

  constructor() {
    super();
    this.value = '';
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>
        :host { display: inline-block; position: relative; line-height: 0; }
        img, canvas { max-width: 100%; width: 256px; image-rendering: pixelated; }
        canvas { position: absolute; left: 0; top: 0; cursor: crosshair; opacity: 0.55; touch-action: none; }
      </style>
      <img part="image" alt="init image"><canvas part="mask"></canvas>`;
    this.image = root.querySelector('img');
    this.canvas = root.querySelector('canvas');
    this.image.addEventListener('load', () => this.reset());
    let painting = false;
    const point = (event) => {
      const box = this.canvas.getBoundingClientRect();
      return [
        ((event.clientX - box.left) / box.width) * this.canvas.width,
        ((event.clientY - box.top) / box.height) * this.canvas.height,
      ];
    };
    this.canvas.addEventListener('pointerdown', (event) => {
      painting = true;
      this.canvas.setPointerCapture(event.pointerId);
      this.paint(...point(event));
    });
    this.canvas.addEventListener('pointermove', (event) => painting && this.paint(...point(event)));
    this.canvas.addEventListener('pointerup', () => {
      if (painting) {
        painting = false;
        this.publish();
      }
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'src' && newValue) {
      this.image.src = newValue;
    }
  }

  reset() {
    this.canvas.width = this.image.naturalWidth || 64;
    this.canvas.height = this.image.naturalHeight || 64;
    this.canvas.style.width = this.image.getBoundingClientRect().width + 'px';
    const context = this.canvas.getContext('2d');
    context.fillStyle = 'black';
    context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.painted = false;
    this.value = '';
    this.dispatchEvent(new CustomEvent('mask-changed'));
  }

  /** Paints a disc; the brush is a share of the image size, so small images get usable strokes. */
  paint(x, y) {
    const brush = Number(this.getAttribute('brush') || 12) / 256 * this.canvas.width;
    const context = this.canvas.getContext('2d');
    context.fillStyle = 'white';
    context.beginPath();
    context.arc(x, y, Math.max(1, brush / 2), 0, Math.PI * 2);
    context.fill();
    this.painted = true;
  }

  publish() {
    this.value = this.painted ? this.canvas.toDataURL('image/png') : '';
    this.dispatchEvent(new CustomEvent('mask-changed'));
  }

  /** Paints a rectangle of the mask in image pixels: for keyboard users and tests. */
  paintRect(x, y, width, height) {
    const context = this.canvas.getContext('2d');
    context.fillStyle = 'white';
    context.fillRect(x, y, width, height);
    this.painted = true;
    this.publish();
  }
}

customElements.define('dlab-mask-canvas', MaskCanvas);
