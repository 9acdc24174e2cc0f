import type { MaterialProperty, OxidationAssignment, PropertyName } from '../tools/index.js';

/** Display names of the curated table's properties. */
export const PROPERTY_LABELS: Record<PropertyName, string> = {
  bandGap: 'Band gap',
  averageVoltage: 'Average voltage',
  theoreticalCapacity: 'Theoretical capacity',
  ionicConductivity: 'Ionic conductivity',
  electronicConductivity: 'Electronic conductivity',
  lithiumDiffusivity: 'Li diffusivity',
  zT: 'Thermoelectric figure of merit zT',
  curieTemperature: 'Curie temperature',
  neelTemperature: 'Néel temperature',
  superconductingTc: 'Superconducting Tc',
  transitionTemperature: 'Transition temperature',
  standardPotential: 'Standard potential',
};

/** Four significant figures; very small or large values in exponent form (1.8e-14, not 0.0000…). */
export function num(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(value.toPrecision(4)));
}

export const percent = (fraction: number) => `${(fraction * 100).toFixed(2)} %`;

/**
 * A molar mass (g/mol) as chemists quote it: two decimals, half rounded up on the decimal value
 * (CuSO4·5H2O 249.685 → "249.69", where toFixed alone may see 249.68499… and give "249.68").
 */
export const molarMassValue = (grams: number) => (Math.round(Number((grams * 100).toPrecision(12))) / 100).toFixed(2);

export function formatProperty(p: MaterialProperty): string {
  return `${num(p.value)} ${p.unit}${p.conditions ? ` (${p.conditions})` : ''}; source: ${p.source}`;
}

/** An ion as chemists write it: Li+, Fe2+, O2-, S0. */
export function ion(element: string, state: number): string {
  if (state === 0) return `${element}0`;
  const magnitude = Math.abs(state) === 1 ? '' : String(Math.abs(state));
  return `${element}${magnitude}${state > 0 ? '+' : '-'}`;
}

/** "Li+ Fe2+ P5+ O2-"; a mixed-valence site as "Fe(2+ ×1, 3+ ×2)". */
export function assignmentText(assignment: OxidationAssignment): string {
  return assignment.sites
    .map((site) => {
      if (site.states.length === 1) return ion(site.element, site.states[0]!.state);
      const parts = site.states.map((s) => `${ion('', s.state)} ×${num(s.count)}`);
      return `${site.element}(${parts.join(', ')}; average ${num(site.average)})`;
    })
    .join(' ');
}

/** Human list: "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const OFFLINE_NOTE =
  'Offline analysis: no language model was used. Values were computed by the built-in tools (composition, oxidation_states, known_materials, similar_materials) or taken from the curated table with the sources given.';
