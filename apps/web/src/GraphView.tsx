// A laid-out graph drawn as SVG (dagre places it), with the same facts as a list beside it so
// that it reads without sight and every node is reachable by keyboard.
import { useMemo } from 'preact/hooks';
import { layout, type Graph } from './graphs';

export function GraphView({ graph, label, id, describe }: { graph: Graph; label: string; id: string; describe: (from: string, to: string, edgeLabel: string) => string }) {
  const placed = useMemo(() => layout(graph), [graph]);
  const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const path = (points: Array<{ x: number; y: number }>) => points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return (
    <figure class="graph" data-graph={id}>
      <svg viewBox={`0 0 ${Math.max(placed.width, 1)} ${Math.max(placed.height, 1)}`} width={placed.width} height={placed.height} role="group" aria-label={label}>
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {placed.edges.map((edge) => (
          <g class={`edge edge-${edge.kind}`} key={`${edge.from}-${edge.to}-${edge.label}`} aria-hidden="true">
            <path d={path(edge.points)} marker-end={`url(#${id}-arrow)`} />
            <text x={edge.labelAt.x} y={edge.labelAt.y} text-anchor="middle">{edge.label}</text>
          </g>
        ))}
        {placed.nodes.map((node) => (
          <g class={`node node-${node.kind}`} key={node.id} tabindex={0} role="img" aria-label={`${node.label}: ${node.detail}`} data-node={node.id}>
            <title>{`${node.label} (${node.detail})`}</title>
            <rect x={node.x - node.width / 2} y={node.y - node.height / 2} width={node.width} height={node.height} rx="6" />
            <text x={node.x} y={node.y + 4} text-anchor="middle">{node.label}</text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="graph-facts" aria-label={`${label}: connections`}>
          {graph.edges.map((edge) => <li key={`${edge.from}-${edge.to}-${edge.label}`}>{describe(names.get(edge.from) ?? edge.from, names.get(edge.to) ?? edge.to, edge.label)}</li>)}
        </ul>
      </figcaption>
    </figure>
  );
}
