// Tiny DOM helpers. Text is only ever set with textContent / text nodes: data from posts and feeds is
// written by strangers and must never be parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an HTML element. `props`: class, text (textContent), attrs (setAttribute), on (listeners),
 * dataset. Children are nodes or strings (strings become text nodes).
 */
export function h(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

/** Creates an SVG element, like {@link h}. */
export function s(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(element, props, children) {
  if (props.class) element.setAttribute('class', props.class);
  if (props.text !== undefined && props.text !== null) element.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.dataset ?? {})) element.dataset[name] = String(value);
  for (const [event, listener] of Object.entries(props.on ?? {})) element.addEventListener(event, listener);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return element;
}

/** Removes every child of an element. */
export function clear(element) {
  element.replaceChildren();
  return element;
}
