/**
 * A component that renders again only when its props change (shallowly,
 * each prop by identity): the parts of the page that an answer does not
 * touch — header, footer, pad, switches — are not diffed again at every pen
 * move. Preact's own `memo` lives in preact/compat, whose import would
 * patch every vnode of the page for React's sake; this is the same idea
 * without it.
 *
 * @module
 */

import { Component, type FunctionComponent, h } from "preact";

/** Whether two props objects hold the same values, each by identity. */
export function sameProps(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => key in y && Object.is(x[key], y[key]));
}

/** `render` wrapped so that it re-renders only when {@linkcode sameProps} fails. */
export function memo<P extends object>(
  render: FunctionComponent<P>,
): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !sameProps(this.props, next);
    }
    override render() {
      return h(render, this.props);
    }
  }
  Object.defineProperty(Memo, "name", { value: `Memo(${render.name})` });
  return Memo as unknown as FunctionComponent<P>;
}
