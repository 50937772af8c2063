/**
 * Shows new content in a host element by changing only what differs from what is there: elements
 * are matched by position and tag, attributes and text are set only where they changed, unmatched
 * elements are replaced. A slider move thus changes the exclusion paths, the legend and the colour
 * bar's labels while the heat-map <image> (a PNG data URL the browser would decode again), the axes
 * and the tick labels stay the same DOM nodes, so the browser restyles, lays out and repaints
 * little; the tables under the plot likewise keep their unchanged rows and cells. The host's content
 * afterwards serialises as the new content would. (Only for content without event listeners or
 * element state of its own: those are not carried over.)
 */

/** Parses SVG markup without rendering it (template content is inert: no image is fetched or decoded). */
function parseSvg(markup: string): Element | null {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.content.firstElementChild;
}

function syncAttributes(target: Element, source: Element): void {
  for (const attribute of Array.from(target.attributes)) {
    if (!source.hasAttributeNS(attribute.namespaceURI, attribute.localName)) target.removeAttributeNode(attribute);
  }
  for (const attribute of Array.from(source.attributes)) {
    if (target.getAttributeNS(attribute.namespaceURI, attribute.localName) !== attribute.value)
      target.setAttributeNS(attribute.namespaceURI, attribute.name, attribute.value);
  }
}

function morph(target: Node, source: Node): void {
  if (target.nodeType !== Node.ELEMENT_NODE) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
    return;
  }
  syncAttributes(target as Element, source as Element);
  const sourceChildren = Array.from(source.childNodes);
  let current = target.firstChild;
  sourceChildren.forEach((child, index) => {
    if (current && !sameKind(current, child)) {
      const nextChild = sourceChildren[index + 1];
      if (current.nextSibling && sameKind(current.nextSibling, child) && !(nextChild && sameKind(current, nextChild))) {
        // one node fewer here (e.g. a subtitle line): drop it, keep the rest in place
        const dropped = current;
        current = current.nextSibling;
        target.removeChild(dropped);
      } else if (nextChild && sameKind(current, nextChild)) {
        // one node more here: insert it, keep the rest in place
        target.insertBefore(child, current);
        return;
      }
    }
    if (current && sameKind(current, child)) {
      morph(current, child);
      current = current.nextSibling;
    } else if (current) {
      const next = current.nextSibling;
      target.replaceChild(child, current);
      current = next;
    } else {
      target.appendChild(child);
    }
  });
  while (current) {
    const next = current.nextSibling;
    target.removeChild(current);
    current = next;
  }
}

function sameKind(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
  return a.nodeType !== Node.ELEMENT_NODE || (a as Element).namespaceURI === (b as Element).namespaceURI;
}

/** Makes `host` show `element` (a detached element), keeping the unchanged nodes of the one element it shows. */
export function updateElement(host: Element, element: Element): void {
  const current = host.firstElementChild;
  if (current && host.childNodes.length === 1 && sameKind(current, element)) morph(current, element);
  else host.replaceChildren(element);
}

/** Makes `host` show `markup` (one SVG document string), keeping the unchanged nodes of the SVG it shows. */
export function updateSvg(host: Element, markup: string): void {
  // (the markup may end in a line break: only the one <svg> element is compared)
  const current = host.childElementCount === 1 ? host.firstElementChild : null;
  const next = current?.nodeName === 'svg' ? parseSvg(markup) : null;
  if (!current || !next || next.nodeName !== 'svg') {
    host.innerHTML = markup;
    return;
  }
  morph(current, next);
}
