export type ApplicationClass =
  | 'battery-cathode'
  | 'battery-anode'
  | 'solid-electrolyte'
  | 'photovoltaic'
  | 'semiconductor'
  | 'optoelectronic'
  | 'thermoelectric'
  | 'catalyst'
  | 'electrocatalyst'
  | 'photocatalyst'
  | 'ferroelectric'
  | 'piezoelectric'
  | 'multiferroic'
  | 'dielectric'
  | 'magnet'
  | 'superconductor'
  | 'topological-insulator'
  | 'transparent-conductor'
  | 'phase-change'
  | 'biomaterial'
  | 'reference';

export type PropertyName =
  | 'bandGap'
  | 'averageVoltage'
  | 'theoreticalCapacity'
  | 'ionicConductivity'
  | 'electronicConductivity'
  | 'lithiumDiffusivity'
  | 'zT'
  | 'curieTemperature'
  | 'neelTemperature'
  | 'superconductingTc'
  | 'transitionTemperature'
  | 'standardPotential';

export interface MaterialProperty {
  value: number;
  unit: string;
  /** Temperature, phase, doping or direction the value refers to. */
  conditions?: string;
  /** Public source of the value: a DOI/paper citation, a handbook, or how it was calculated. */
  source: string;
}

export interface KnownMaterial {
  /** Stable slug, e.g. 'LiFePO4-olivine'. */
  id: string;
  formula: string;
  name: string;
  structureType: string;
  /** Hermann–Mauguin symbol of the phase described; omitted where it depends on the phase studied. */
  spaceGroup?: string;
  applications: ApplicationClass[];
  /** Formal oxidation states where the literature fixes them (e.g. Fe2+ in LiFePO4). */
  oxidationStates?: Record<string, number>;
  properties: Partial<Record<PropertyName, MaterialProperty>>;
  materialsProjectId?: string;
  /** Sources of the identity and structure (paper of discovery or a standard reference). */
  sources: string[];
  notes?: string;
}

/** A table row before derived values are filled in: capacities are computed from the formula. */
export interface KnownMaterialRow extends Omit<KnownMaterial, 'properties'> {
  properties?: Partial<Record<PropertyName, MaterialProperty>>;
  /** Electrons (Li/Na ions) exchanged per formula unit, and the reaction, for the theoretical capacity. */
  capacity?: { electrons: number; reaction: string };
}
