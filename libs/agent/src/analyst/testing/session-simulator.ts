import { emptyContext, type Analyst, type AnalystContext, type AnalystProgress, type AnalystResult } from '../analyst.port.js';

/**
 * Carries context from answer to answer the way the session does (libs/domain RecordAnswer and
 * analystContext): materials in the order given, the last one becoming the most recent; tool
 * states replaced per tool; settled turns appended; discoveries kept from 0.75 up.
 */
export class SessionSimulator {
  context: AnalystContext;
  readonly results: AnalystResult[] = [];
  private nextDiscovery = 1;

  constructor(
    private readonly analyst: Analyst,
    initial: Partial<AnalystContext> = {},
    private readonly minConfidence = 0.75,
    private readonly materialMemory = 10,
  ) {
    this.context = emptyContext(initial);
  }

  async ask(question: string, onProgress?: (p: AnalystProgress) => void): Promise<AnalystResult> {
    const result = await this.analyst.analyse({ question, context: this.context }, onProgress);
    this.results.push(result);
    const recent = [...result.materials.map((m) => m.formula).reverse(), ...this.context.recentMaterials];
    const kept = result.discoveries.filter((d) => d.confidence >= this.minConfidence);
    this.context = {
      ...this.context,
      recentMaterials: [...new Set(recent)].slice(0, this.materialMemory),
      toolStates: { ...this.context.toolStates, ...result.toolStates },
      activeTools: [...new Set([...this.context.activeTools, ...Object.keys(result.toolStates)])].sort(),
      conversation: [...this.context.conversation, { question, answer: result.text }],
      discoveries: [
        ...this.context.discoveries,
        ...kept.map((d) => ({ id: `d${this.nextDiscovery++}`, category: d.category, description: d.description, materials: d.materials, confidence: d.confidence })),
      ],
    };
    return result;
  }
}
