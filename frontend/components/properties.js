/**
 * Vaadin may set a property on an element before its class is defined; such a value shadows the
 * class's setter. Deleting it and setting it again sends it through the setter.
 */
export function upgradeProperty(element, name) {
  if (Object.prototype.hasOwnProperty.call(element, name)) {
    const value = element[name];
    delete element[name];
    element[name] = value;
  }
}
