// Templates every user has without saving one. They live in code, not in a stream: a fix to one
// is a new version here, and sessions made from it keep the version they were made from.
import { DEFAULT_CONTEXT_CONFIG, DEFAULT_DISCOVERY_CONFIG } from '../session/core/state.js';
import type { TemplateVersion } from './template.state.js';

const materialsDiscoveryWorkflow: TemplateVersion = {
  version: 1,
  savedAt: '2026-01-01T00:00:00.000Z',
  savedBy: 'system',
  fromSessionId: null,
  parameters: ['application', 'structure'],
  content: {
    name: '{{structure}} materials for {{application}}',
    sessionType: 'research',
    metadata: { workflow: 'materials_discovery', application: '{{application}}', structure: '{{structure}}' },
    config: { memory_enabled: true, discovery_detection: true },
    contextConfig: { ...DEFAULT_CONTEXT_CONFIG, autoSummarise: true },
    discoveryConfig: { ...DEFAULT_DISCOVERY_CONFIG, categories: [...DEFAULT_DISCOVERY_CONFIG.categories] },
    contextItems: [
      { key: 'application', value: '{{application}}', kind: 'custom' },
      { key: 'target_structure', value: '{{structure}}', kind: 'custom' },
      {
        key: 'screening_criteria',
        value: ['charge balance (plausible oxidation states)', 'thermodynamic stability', 'ionic conductivity', 'similarity to known {{application}} materials'],
        kind: 'custom',
      },
    ],
    focus: '{{structure}} materials for {{application}}',
    hypotheses: [
      'A {{structure}} structure can combine the ionic conductivity and the stability that {{application}} needs',
    ],
    tasks: [
      'Screen {{structure}} candidates for {{application}}',
      'Check charge balance and stability',
      'Compare ionic conductivity with known {{application}} materials',
      'Validate and link the discoveries worth keeping',
    ],
  },
};

// Shared by every request: frozen, so no caller can change them for the next one.
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

export const BUILT_IN_TEMPLATES: Readonly<Record<string, Readonly<TemplateVersion>>> = frozen({
  materials_discovery_workflow: materialsDiscoveryWorkflow,
});

export const isBuiltInTemplate = (name: string): boolean => Object.hasOwn(BUILT_IN_TEMPLATES, name);
