import { upgradeProperty } from './properties.js';
import { ZoomPan } from './zoom-pan.js';

const GAP = 12;

/**
 * <dlab-zoom-group max-size="512" min-size="200">: images of several runs side by side, wrapping
 * into rows, every box the same size and every image at the same scale with pixels kept sharp.
 * Zooming or panning any image (wheel, pinch, drag; double-click resets) moves all of them, so one
 * detail can be compared across runs; a button resets the view. The `items` property is a list of
 * {imageUrl, caption, link}: the caption links to `link`. The view is the read-only `zoom` property
 * ({scale, x, y}).
 */
class ZoomGroup extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>
        :host {
          display: block;
          width: 100%;
          min-width: 0;
          max-width: 100%;
          font-family: var(--lumo-font-family, inherit);
          font-size: var(--lumo-font-size-s, 0.875rem);
          color: var(--lumo-body-text-color, inherit);
        }
        :host([hidden]) { display: none; }
        .bar { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
        .level { color: var(--lumo-secondary-text-color, #555); min-width: 3.5em; }
        button {
          font: inherit;
          padding: 4px 12px;
          border: none;
          border-radius: var(--lumo-border-radius-m, 4px);
          background: var(--lumo-contrast-5pct, #f0f0f0);
          color: var(--lumo-primary-text-color, #1676f3);
          cursor: pointer;
        }
        button:disabled { color: var(--lumo-disabled-text-color, #999); cursor: default; }
        button:focus-visible { outline: 2px solid var(--lumo-primary-color-50pct, #6aa0f7); }
        .grid { display: grid; gap: ${GAP}px; justify-content: start; }
        figure { margin: 0; min-width: 0; }
        .box {
          position: relative;
          overflow: hidden;
          background: var(--lumo-contrast-5pct, #f3f5f7);
          border-radius: var(--lumo-border-radius-m, 4px);
          /* one finger scrolls the page until the images are zoomed in; pinches always reach us */
          touch-action: pan-x pan-y;
          user-select: none;
          -webkit-user-select: none;
        }
        :host([zoomed]) .box { cursor: grab; touch-action: none; }
        :host([zoomed]) .box:active { cursor: grabbing; }
        img {
          display: block;
          width: 100%;
          height: 100%;
          object-fit: contain;
          image-rendering: pixelated;
          transform-origin: 0 0;
          pointer-events: none;
        }
        figcaption {
          margin-top: 4px;
          white-space: nowrap;
          overflow: hidden;
          text-overflow: ellipsis;
        }
        a { color: var(--lumo-primary-text-color, #1676f3); text-decoration: none; }
        a:hover { text-decoration: underline; }
      </style>
      <div class="bar" part="bar">
        <button class="reset" part="reset" disabled>Reset zoom</button>
        <span class="level" part="level">100%</span>
      </div>
      <div class="grid" part="grid"></div>`;
    this.grid = root.querySelector('.grid');
    this.level = root.querySelector('.level');
    this.resetButton = root.querySelector('.reset');
    this.zoomPan = new ZoomPan((zoom) => this.applyZoom(zoom));
    this.resetButton.addEventListener('click', () => this.zoomPan.reset());
    this.aspect = 1;
    this._items = [];
    // only the width decides the layout; the height follows from it
    this.resizeObserver = new ResizeObserver(() => {
      if (this.clientWidth !== this.laidOutWidth) {
        this.layout();
      }
    });
    upgradeProperty(this, 'items');
  }

  connectedCallback() {
    this.resizeObserver.observe(this);
  }

  disconnectedCallback() {
    this.resizeObserver.disconnect();
  }

  get items() {
    return this._items;
  }

  set items(items) {
    this._items = Array.isArray(items) ? items : [];
    this.render();
  }

  get zoom() {
    return this.zoomPan.state;
  }

  resetZoom() {
    this.zoomPan.reset();
  }

  render() {
    this.aspect = 1;
    this.grid.replaceChildren(
      ...this._items.map((item, index) => {
        const figure = document.createElement('figure');
        figure.setAttribute('part', 'item');
        const box = document.createElement('div');
        box.className = 'box';
        const image = document.createElement('img');
        image.draggable = false;
        image.alt = item.caption ?? '';
        image.style.transform = this.zoomPan.transform;
        // the first image decides the boxes' shape; the runs of one comparison share a size
        if (index === 0) {
          image.addEventListener('load', () => {
            this.aspect = image.naturalWidth / image.naturalHeight || 1;
            this.layout();
          });
        }
        image.src = item.imageUrl ?? '';
        box.append(image);
        this.zoomPan.attach(box);
        const caption = document.createElement('figcaption');
        const text = item.link ? document.createElement('a') : document.createElement('span');
        if (item.link) {
          text.href = item.link;
        }
        text.textContent = item.caption ?? '';
        text.title = item.caption ?? '';
        caption.append(text);
        figure.append(box, caption);
        return figure;
      }),
    );
    this.layout();
  }

  /**
   * Picks the fewest rows in which every box is at least `min-size` wide (or one column when even
   * that is too wide), boxes at most `max-size`: two images sit side by side, eight make two rows.
   */
  layout() {
    const count = this._items.length;
    const width = this.clientWidth;
    this.laidOutWidth = width;
    if (!count || !width) {
      return;
    }
    const maxSize = Number(this.getAttribute('max-size')) || 512;
    const minSize = Math.min(maxSize, Number(this.getAttribute('min-size')) || 200);
    let columns = 1;
    let size = Math.min(maxSize, width);
    for (let rows = 1; rows <= count; rows++) {
      columns = Math.ceil(count / rows);
      size = Math.min(maxSize, Math.floor((width - (columns - 1) * GAP) / columns));
      if (size >= minSize || columns === 1) {
        break;
      }
    }
    this.grid.style.gridTemplateColumns = `repeat(${columns}, ${size}px)`;
    const height = Math.round(size / this.aspect);
    for (const box of this.grid.querySelectorAll('.box')) {
      box.style.height = `${height}px`;
    }
  }

  applyZoom(zoom) {
    for (const image of this.grid.querySelectorAll('img')) {
      image.style.transform = zoom.transform;
    }
    this.toggleAttribute('zoomed', zoom.scale > 1);
    this.resetButton.disabled = zoom.scale === 1;
    this.level.textContent = `${Math.round(zoom.scale * 100)}%`;
  }
}

customElements.define('dlab-zoom-group', ZoomGroup);
