import { upgradeProperty } from './properties.js';
import { ZoomPan } from './zoom-pan.js';

const MODES = ['wipe', 'flicker', 'heatmap'];
const KEY_STEP = 0.01;
const KEY_STEP_LARGE = 0.1;
const FLICKER_INTERVAL_MS = 500;

/**
 * <dlab-image-compare src-a="…" label-a="…" src-b="…" label-b="…" heatmap="…" heatmap-max="37"
 * mode="wipe|flicker|heatmap">: two images of one comparison drawn large, at the same scale and
 * with pixels kept sharp, in one of three modes. `wipe` shows A left and B right of a divider the
 * user drags (or moves with the arrow keys); its place, 0 to 1, is the `position` property, and
 * `position-changed` fires when a drag or key press ends. `flicker` alternates A and B every
 * half second and says which is shown. `heatmap` shows the difference image with a
 * legend from 0 to `heatmap-max`. Zoom and pan (wheel, pinch, drag; double-click resets) apply to
 * every image alike; the view is the read-only `zoom` property ({scale, x, y}).
 */
class ImageCompare extends HTMLElement {
  static get observedAttributes() {
    return ['src-a', 'label-a', 'src-b', 'label-b', 'heatmap', 'heatmap-max', 'mode'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    root.innerHTML = `
      <style>
        :host {
          display: block;
          position: relative;
          width: 100%;
          min-width: 0;
          max-width: 100%;
          --dlab-compare-max-height: 75vh;
          font-family: var(--lumo-font-family, inherit);
          font-size: var(--lumo-font-size-s, 0.875rem);
        }
        :host([hidden]) { display: none; }
        .stage {
          position: relative;
          margin: 0 auto;
          width: min(100%, calc(var(--dlab-compare-max-height) * var(--aspect, 1)));
          aspect-ratio: var(--aspect, 1);
          overflow: hidden;
          background: var(--lumo-contrast-5pct, #f3f5f7);
          border-radius: var(--lumo-border-radius-m, 4px);
          /* one finger scrolls the page until the images are zoomed in; pinches always reach us */
          touch-action: pan-x pan-y;
          user-select: none;
          -webkit-user-select: none;
        }
        :host([zoomed]) .stage { cursor: grab; touch-action: none; }
        :host([zoomed]) .stage:active { cursor: grabbing; }
        .layer { position: absolute; inset: 0; overflow: hidden; pointer-events: none; }
        .layer img {
          display: block;
          width: 100%;
          height: 100%;
          object-fit: contain;
          image-rendering: pixelated;
          transform-origin: 0 0;
        }
        .layer img:not([src]) { visibility: hidden; }
        .b { clip-path: inset(0 0 0 calc(var(--position) * 100%)); }
        .heat, .divider, .legend, .shown { display: none; }
        :host([mode='flicker']) .b { clip-path: none; }
        :host([mode='flicker']) .stage[data-shown='a'] .b { visibility: hidden; }
        :host([mode='flicker']) .corner { display: none; }
        :host([mode='flicker']) .shown { display: block; }
        :host([mode='heatmap']) .heat { display: block; background: #000; }
        :host([mode='heatmap']) .legend { display: flex; }
        :host([mode='heatmap']) .corner { display: none; }
        :host(:not([mode])) .divider, :host([mode='wipe']) .divider { display: block; }
        .divider {
          position: absolute;
          top: 0;
          bottom: 0;
          left: calc(var(--position) * 100%);
          width: 24px;
          margin-left: -12px;
          cursor: ew-resize;
          touch-action: none;
          outline: none;
        }
        .divider::before {
          content: '';
          position: absolute;
          top: 0;
          bottom: 0;
          left: 11px;
          width: 2px;
          background: #fff;
          box-shadow: 0 0 3px rgba(0, 0, 0, 0.6);
        }
        .handle {
          position: absolute;
          top: 50%;
          left: 0;
          width: 24px;
          height: 24px;
          margin-top: -12px;
          border-radius: 50%;
          background: #fff;
          box-shadow: 0 0 4px rgba(0, 0, 0, 0.6);
          display: grid;
          place-items: center;
          color: #333;
          font-size: 12px;
          line-height: 1;
        }
        .divider:focus-visible .handle { box-shadow: 0 0 0 3px var(--lumo-primary-color-50pct, #6aa0f7); }
        .chip {
          position: absolute;
          top: 8px;
          max-width: 45%;
          padding: 2px 8px;
          border-radius: var(--lumo-border-radius-s, 3px);
          background: rgba(0, 0, 0, 0.62);
          color: #fff;
          white-space: nowrap;
          overflow: hidden;
          text-overflow: ellipsis;
          pointer-events: none;
        }
        .label-a { left: 8px; }
        .label-b { right: 8px; }
        .shown { left: 50%; transform: translateX(-50%); font-weight: 600; max-width: 90%; }
        .legend {
          align-items: center;
          justify-content: center;
          gap: 8px;
          margin-top: 6px;
          color: var(--lumo-secondary-text-color, #555);
          flex-wrap: wrap;
        }
        .ramp {
          width: min(240px, 50%);
          height: 10px;
          border-radius: 2px;
          /* the stops of the server's difference colour map (black, dark red, orange, yellow, white) */
          background: linear-gradient(to right, #000 0%, rgb(140, 0, 0) 30%, rgb(240, 100, 0) 55%,
            rgb(255, 220, 0) 80%, #fff 100%);
          border: 1px solid var(--lumo-contrast-20pct, #ccc);
        }
      </style>
      <div class="stage" part="stage" data-shown="a">
        <div class="layer a"><img part="image-a" alt="image A" draggable="false"></div>
        <div class="layer b"><img part="image-b" alt="image B" draggable="false"></div>
        <div class="layer heat"><img part="heatmap" alt="difference heatmap" draggable="false"></div>
        <div class="divider" part="divider" role="slider" tabindex="0" aria-label="divider between A and B"
          aria-valuemin="0" aria-valuemax="100"><div class="handle">⇔</div></div>
        <span class="chip corner label-a"></span>
        <span class="chip corner label-b"></span>
        <span class="chip shown" part="shown" aria-live="polite"></span>
      </div>
      <div class="legend" part="legend">
        <span>0</span><span class="ramp"></span><span class="max"></span><span>max difference</span>
      </div>`;
    this.stage = root.querySelector('.stage');
    this.images = {
      a: root.querySelector('.a img'),
      b: root.querySelector('.b img'),
      heat: root.querySelector('.heat img'),
    };
    this.divider = root.querySelector('.divider');
    this.zoomPan = new ZoomPan((zoom) => this.applyZoom(zoom));
    this.zoomPan.attach(this.stage);
    this.images.a.addEventListener('load', () => this.fitAspect());
    this.images.b.addEventListener('load', () => this.fitAspect());
    this.listenToDivider();
    upgradeProperty(this, 'position');
    if (this._position === undefined) {
      this.position = 0.5;
    }
    this.updateLabels();
  }

  connectedCallback() {
    this.updateFlicker();
  }

  disconnectedCallback() {
    this.stopFlicker();
  }

  attributeChangedCallback(name, oldValue, value) {
    switch (name) {
      case 'src-a':
        this.setSource(this.images.a, value);
        break;
      case 'src-b':
        this.setSource(this.images.b, value);
        break;
      case 'heatmap':
        this.setSource(this.images.heat, value);
        break;
      case 'label-a':
      case 'label-b':
        this.updateLabels();
        break;
      case 'heatmap-max':
        this.shadowRoot.querySelector('.max').textContent = value ?? '';
        break;
      case 'mode':
        this.updateFlicker();
        break;
    }
  }

  get mode() {
    const mode = this.getAttribute('mode');
    return MODES.includes(mode) ? mode : 'wipe';
  }

  get position() {
    return this._position;
  }

  set position(value) {
    const position = Math.min(1, Math.max(0, Number(value)));
    if (Number.isNaN(position)) {
      return;
    }
    this._position = position;
    this.stage.style.setProperty('--position', String(position));
    this.divider.setAttribute('aria-valuenow', String(Math.round(position * 100)));
  }

  get zoom() {
    return this.zoomPan.state;
  }

  resetZoom() {
    this.zoomPan.reset();
  }

  setSource(image, url) {
    if (url) {
      image.src = url;
    } else {
      image.removeAttribute('src');
    }
  }

  fitAspect() {
    const image = this.images.a.naturalWidth ? this.images.a : this.images.b;
    if (image.naturalWidth && image.naturalHeight) {
      this.stage.style.setProperty('--aspect', `${image.naturalWidth} / ${image.naturalHeight}`);
    }
  }

  applyZoom(zoom) {
    for (const image of Object.values(this.images)) {
      image.style.transform = zoom.transform;
    }
    this.toggleAttribute('zoomed', zoom.scale > 1);
  }

  label(which) {
    const label = this.getAttribute(`label-${which}`);
    return label ? `${which.toUpperCase()} · ${label}` : which.toUpperCase();
  }

  updateLabels() {
    this.shadowRoot.querySelector('.label-a').textContent = this.label('a');
    this.shadowRoot.querySelector('.label-b').textContent = this.label('b');
    this.showFlickerLabel();
  }

  showFlickerLabel() {
    this.shadowRoot.querySelector('.shown').textContent = this.label(this.stage.dataset.shown);
  }

  updateFlicker() {
    this.stopFlicker();
    this.stage.dataset.shown = 'a';
    this.showFlickerLabel();
    if (this.mode === 'flicker' && this.isConnected) {
      this.flickerTimer = setInterval(() => {
        this.stage.dataset.shown = this.stage.dataset.shown === 'a' ? 'b' : 'a';
        this.showFlickerLabel();
      }, FLICKER_INTERVAL_MS);
    }
  }

  stopFlicker() {
    clearInterval(this.flickerTimer);
    this.flickerTimer = undefined;
  }

  publishPosition() {
    this.dispatchEvent(new CustomEvent('position-changed', { detail: { position: this.position } }));
  }

  listenToDivider() {
    const divider = this.divider;
    let dragging = false;
    const follow = (event) => {
      const box = this.stage.getBoundingClientRect();
      this.position = (event.clientX - box.left) / box.width;
    };
    // the divider's own gestures must not also pan the images underneath
    divider.addEventListener('pointerdown', (event) => {
      event.stopPropagation();
      divider.setPointerCapture(event.pointerId);
      dragging = true;
      follow(event);
    });
    divider.addEventListener('pointermove', (event) => {
      if (dragging) {
        event.stopPropagation();
        follow(event);
      }
    });
    const end = (event) => {
      if (dragging) {
        event.stopPropagation();
        dragging = false;
        this.publishPosition();
      }
    };
    divider.addEventListener('pointerup', end);
    divider.addEventListener('pointercancel', end);
    divider.addEventListener('keydown', (event) => {
      const step = event.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
      const moves = {
        ArrowLeft: -step,
        ArrowDown: -step,
        ArrowRight: step,
        ArrowUp: step,
        Home: -1,
        End: 1,
      };
      if (event.key in moves) {
        event.preventDefault();
        this.position = this.position + moves[event.key];
        this.publishPosition();
      }
    });
  }
}

customElements.define('dlab-image-compare', ImageCompare);
