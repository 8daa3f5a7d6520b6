import '@vaadin/vertical-layout/src/vaadin-vertical-layout.js';
import '@vaadin/login/src/vaadin-login-form.js';
import '@vaadin/horizontal-layout/src/vaadin-horizontal-layout.js';
import '@vaadin/combo-box/src/vaadin-combo-box.js';
import 'Frontend/generated/jar-resources/flow-component-renderer.js';
import 'Frontend/generated/jar-resources/flow-component-directive.js';
import 'Frontend/generated/jar-resources/comboBoxConnector.js';
import '@vaadin/tooltip/src/vaadin-tooltip.js';
import '@vaadin/multi-select-combo-box/src/vaadin-multi-select-combo-box.js';
import '@vaadin/progress-bar/src/vaadin-progress-bar.js';
import '@vaadin/text-field/src/vaadin-text-field.js';
import '@vaadin/text-area/src/vaadin-text-area.js';
import '@vaadin/select/src/vaadin-select.js';
import 'Frontend/generated/jar-resources/selectConnector.js';
import 'Frontend/generated/jar-resources/lit-renderer.ts';
import '@vaadin/integer-field/src/vaadin-integer-field.js';
import '@vaadin/number-field/src/vaadin-number-field.js';
import '@vaadin/checkbox/src/vaadin-checkbox.js';
import 'Frontend/components/mask-canvas.js';
import '@vaadin/button/src/vaadin-button.js';
import 'Frontend/generated/jar-resources/disableOnClickFunctions.js';
import '@vaadin/details/src/vaadin-details.js';
import '@vaadin/upload/src/vaadin-upload.js';
import 'Frontend/generated/jar-resources/vaadin-upload-manager-connector.ts';
import '@vaadin/notification/src/vaadin-notification.js';
import '@vaadin/app-layout/src/vaadin-app-layout.js';
import '@vaadin/app-layout/src/vaadin-drawer-toggle.js';
import '@vaadin/side-nav/src/vaadin-side-nav.js';
import '@vaadin/side-nav/src/vaadin-side-nav-item.js';
import '@vaadin/grid/src/vaadin-grid.js';
import '@vaadin/grid/src/vaadin-grid-column.js';
import '@vaadin/grid/src/vaadin-grid-sorter.js';
import 'Frontend/generated/jar-resources/gridConnector.ts';
import 'Frontend/generated/jar-resources/vaadin-grid-flow-selection-column.js';
import '@vaadin/grid/src/vaadin-grid-column-group.js';
import '@vaadin/context-menu/src/vaadin-context-menu.js';
import 'Frontend/generated/jar-resources/contextMenuConnector.js';
import 'Frontend/generated/jar-resources/contextMenuTargetConnector.js';
import '@vaadin/common-frontend/ConnectionIndicator.js';
import 'Frontend/generated/jar-resources/ReactRouterOutletElement.tsx';

const loadOnDemand = (key) => {
  const pending = [];
  if (key === 'e98cbe5aaf7a16b006b46864b045ed3a2dcb56a79c288b7c9932a8e0ede996ac') {
    pending.push(import('./chunks/chunk-dbc73251597a4ac998a1ec10f64b0dd8e507e6c40f91d87229babeec17354752.js'));
  }
  if (key === '0147fac606340e81961d896f0617c8ba7bb7a7f0a3c9af012d5d5bd1c2f78880') {
    pending.push(import('./chunks/chunk-3767e48b3baf5c8f35f245ab4d843350c9c04b03a8fab71f23fbb389326062fb.js'));
  }
  if (key === '94d9222c9910f30f36950df9ce371d3b6c19a28b0b11049f49e335bbb616e6dd') {
    pending.push(import('./chunks/chunk-ee8b5e6adbce6c1b52655b69bda00dc94e7308de821b9e6c9fc213d94336a9e0.js'));
  }
  if (key === 'a74c8f7f9a88363c4aa5f4157bd39a520d289f8cc79266d83a058fb381bfa026') {
    pending.push(import('./chunks/chunk-33180475ad27664fa79f4910d6ae582bd78d942c95ad1ac6846ab6f8edb1dc59.js'));
  }
  return Promise.all(pending);
}

window.Vaadin = window.Vaadin || {};
window.Vaadin.Flow = window.Vaadin.Flow || {};
window.Vaadin.Flow.loadOnDemand = loadOnDemand;
window.Vaadin.Flow.resetFocus = () => {
 let ae=document.activeElement;
 while(ae&&ae.shadowRoot) ae = ae.shadowRoot.activeElement;
 return !ae || ae.blur() || ae.focus() || true;
}