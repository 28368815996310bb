/**
 * Document order across shadow trees. Range comparisons throw when two ranges live in different
 * trees (a page and a web component's shadow root); a shadow tree's content reads as if it stood
 * where its host is, before the host's own light-DOM children.
 */

/** The node, then the shadow host of each tree it is in, out to the document. */
function composedChain(node: Node): Node[] {
  const chain = [node];
  for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) chain.push(root.host);
  return chain;
}

/** Negative if (a, aOffset) comes before (b, bOffset) in composed document order, 0 if at the same point. */
export function compareComposedPoints(a: Node, aOffset: number, b: Node, bOffset: number): number {
  if (a.getRootNode() === b.getRootNode()) {
    const range = a.ownerDocument?.createRange();
    if (!range) return 0;
    range.setStart(a, aOffset);
    return -range.comparePoint(b, bOffset) || 0;
  }
  const chainA = composedChain(a);
  const chainB = composedChain(b);
  for (const [indexA, nodeA] of chainA.entries()) {
    const indexB = chainB.findIndex((nodeB) => nodeB.getRootNode() === nodeA.getRootNode());
    if (indexB < 0) continue;
    const nodeB = chainB[indexB]!;
    if (nodeA === nodeB) return indexA < indexB ? -1 : 1; // one point is inside the other's host's shadow tree
    // A host's shadow content comes before its light-DOM children.
    if (nodeA.contains(nodeB)) return -1;
    if (nodeB.contains(nodeA)) return 1;
    return nodeA.compareDocumentPosition(nodeB) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }
  return 0;
}
