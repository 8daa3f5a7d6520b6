import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import {
  BrushComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { upgradeProperty } from './properties.js';

// only what the views draw, to keep the bundle small (the whole library is about 1 MB minified)
echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  ParallelChart,
  ScatterChart,
  BrushComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

// selections change on every pointer move while brushing; the server hears the settled one
const SELECTION_DELAY_MS = 200;
const FORMATTER_PREFIX = 'dlab:';

const number = (value) =>
  typeof value === 'number' && !Number.isInteger(value) ? String(Number(value.toPrecision(4))) : String(value);

/**
 * Formatters an option names as `"formatter": "dlab:NAME"`, since an option from the server is JSON
 * and cannot carry functions. `run` is for tooltips: the run id and every other value with its
 * dimension's name; the others format axis labels and values.
 */
const FORMATTERS = {
  run(chart) {
    return (params) =>
      (Array.isArray(params) ? params : [params]).map((point) => chart.describePoint(point)).join('<br>');
  },
  percent() {
    return (value) => `${number(Number(value) * 100)}%`;
  },
  compact() {
    const format = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });
    return (value) => format.format(Number(value));
  },
  seconds() {
    return (value) => {
      const seconds = Number(value);
      if (seconds < 1) {
        return `${number(seconds * 1000)} ms`;
      }
      return seconds < 120 ? `${number(seconds)} s` : `${number(seconds / 60)} min`;
    };
  },
};

/**
 * <dlab-chart id-dimension="-1">: an Apache ECharts chart (SVG) whose option, the `option` property,
 * comes from the server as JSON. Series data items are arrays (or {value: array}) whose last
 * element, or the one at `id-dimension`, is a run id. Brushing points (brush component) or selecting
 * ranges on parallel axes fires `selection-changed` with `detail.ids`, the selected run ids, once
 * the selection settles; clicking a point fires `point-clicked` with `detail.id`. The chart fills
 * the element, 360px high unless styled otherwise, follows its size, and exists only while the
 * element is in the document.
 */
class Chart extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>
        :host { display: block; position: relative; width: 100%; height: 360px; min-width: 0; max-width: 100%; }
        :host([hidden]) { display: none; }
        .chart { position: absolute; inset: 0; }
      </style>
      <div class="chart" part="chart"></div>`;
    this.container = root.querySelector('.chart');
    this.resizeObserver = new ResizeObserver(() => this.resized());
    this._selection = [];
    upgradeProperty(this, 'option');
  }

  get option() {
    return this._option;
  }

  set option(option) {
    this._option = typeof option === 'string' ? JSON.parse(option) : option;
    this._selection = [];
    this.render();
  }

  /** The run ids last announced by `selection-changed`. */
  get selection() {
    return [...this._selection];
  }

  /** The ECharts instance while attached, for tests and for actions such as clearing a brush. */
  get instance() {
    return this.chart;
  }

  connectedCallback() {
    this.chart = echarts.init(this.container, null, { renderer: 'svg' });
    this.chart.on('brushselected', (event) => this.brushed(event));
    this.chart.on('axisareaselected', () => this.axisAreasSelected());
    this.chart.on('click', (event) => this.clicked(event));
    this.resizeObserver.observe(this);
    this.render();
  }

  disconnectedCallback() {
    this.resizeObserver.disconnect();
    clearTimeout(this.selectionTimer);
    this.chart?.dispose();
    this.chart = undefined;
  }

  /**
   * Follows the container's size. A chart laid out while hidden (in a closed details panel, say)
   * or while its panel opens keeps series clipped to the size it had then, and a resize alone does
   * not redo that clip; so the chart is drawn afresh, unless the user has points selected, which a
   * fresh drawing would clear.
   */
  resized() {
    if (!this.chart) {
      return;
    }
    this.chart.resize();
    if (this._selection.length === 0) {
      this.render();
    }
  }

  render() {
    if (!this.chart || !this._option) {
      return;
    }
    const option = this.withFormatters(structuredClone(this._option));
    // text inherits the page's font (Lumo's) unless the option says otherwise
    option.textStyle = { fontFamily: getComputedStyle(this).fontFamily, ...option.textStyle };
    this.chart.setOption(option, { notMerge: true });
  }

  withFormatters(value) {
    if (Array.isArray(value)) {
      return value.map((item) => this.withFormatters(item));
    }
    if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        value[key] = key === 'formatter' ? this.formatter(item) : this.withFormatters(item);
      }
    }
    return value;
  }

  /** A named formatter's function; any other formatter (an ECharts string template) as it is. */
  formatter(value) {
    if (typeof value !== 'string' || !value.startsWith(FORMATTER_PREFIX)) {
      return value;
    }
    const name = value.slice(FORMATTER_PREFIX.length);
    const make = Object.hasOwn(FORMATTERS, name) ? FORMATTERS[name] : null;
    if (!make) {
      console.warn(`<dlab-chart>: no formatter named ${value}`);
    }
    return make ? make(this) : undefined;
  }

  series() {
    const series = this._option?.series ?? [];
    return Array.isArray(series) ? series : [series];
  }

  static values(item) {
    if (Array.isArray(item)) {
      return item;
    }
    return Array.isArray(item?.value) ? item.value : null;
  }

  idIndex(values) {
    const index = Number(this.getAttribute('id-dimension') ?? -1);
    return index >= 0 ? index : values.length + index;
  }

  runId(item) {
    const values = Chart.values(item);
    if (!values) {
      return null;
    }
    const id = Number(values[this.idIndex(values)]);
    return Number.isSafeInteger(id) ? id : null;
  }

  idsAt(seriesIndex, rawIndices) {
    const data = this.series()[seriesIndex]?.data ?? [];
    return rawIndices.map((index) => this.runId(data[index])).filter((id) => id !== null);
  }

  brushed(event) {
    // with no brush component in the option (a parallel chart) ECharts still reports an empty batch
    // after every action, which must not undo a selection made on the parallel axes
    if (!event.batch.length) {
      return;
    }
    const ids = event.batch.flatMap((brush) =>
      brush.selected.flatMap((selected) => this.idsAt(selected.seriesIndex, selected.dataIndex)),
    );
    this.select(ids);
  }

  axisAreasSelected() {
    const ids = [];
    this.chart.getModel().eachSeriesByType('parallel', (series) => {
      ids.push(...this.idsAt(series.seriesIndex, series.getRawIndicesByActiveState('active')));
    });
    this.select(ids);
  }

  select(ids) {
    clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(() => {
      const unique = [...new Set(ids)];
      if (unique.length === this._selection.length && unique.every((id, i) => id === this._selection[i])) {
        return;
      }
      this._selection = unique;
      this.dispatchEvent(new CustomEvent('selection-changed', { detail: { ids: this.selection } }));
    }, SELECTION_DELAY_MS);
  }

  clicked(event) {
    if (event.componentType !== 'series') {
      return;
    }
    const id = this.runId(event.data);
    if (id !== null) {
      this.dispatchEvent(new CustomEvent('point-clicked', { detail: { id } }));
    }
  }

  /** One tooltip line block: series, run id, then each other value with its dimension's name. */
  describePoint(point) {
    const values = Chart.values(point.data) ?? [point.value];
    const idIndex = this.idIndex(values);
    const names = this.dimensionNames(point, values.length);
    const encode = echarts.format.encodeHTML;
    const lines = [`${point.marker ?? ''}<b>${encode(point.seriesName ?? '')}</b>`];
    if (values[idIndex] !== undefined) {
      lines.push(`run ${encode(String(values[idIndex]))}`);
    }
    values.forEach((value, index) => {
      if (index !== idIndex) {
        lines.push(`${encode(names[index] ?? `#${index}`)}: ${encode(number(value))}`);
      }
    });
    return lines.join('<br>');
  }

  /** The series' own dimension names if it has them, else the names of its parallel or x/y axes. */
  dimensionNames(point, count) {
    const series = this.series()[point.seriesIndex] ?? {};
    if (Array.isArray(series.dimensions)) {
      return series.dimensions.map((dimension) => dimension?.name ?? dimension);
    }
    const list = (value) => (Array.isArray(value) ? value : value ? [value] : []);
    if (series.type === 'parallel') {
      const names = [];
      for (const axis of list(this._option.parallelAxis)) {
        names[axis.dim] = axis.name;
      }
      return names;
    }
    const x = list(this._option.xAxis)[series.xAxisIndex ?? 0]?.name ?? 'x';
    const y = list(this._option.yAxis)[series.yAxisIndex ?? 0]?.name ?? 'y';
    return [x, y, ...Array(Math.max(0, count - 2)).fill(undefined)];
  }
}

customElements.define('dlab-chart', Chart);
