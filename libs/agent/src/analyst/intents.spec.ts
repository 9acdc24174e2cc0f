import { emptyContext } from './analyst.port.js';
import { interpret, namedSubjects } from './intents.js';

const afterLiFePO4 = emptyContext({ recentMaterials: ['LiFePO4', 'LiCoO2'] });

describe('reading a question (offline keyword rules)', () => {
  it.each([
    ['Analyse LiFePO4', { intent: 'overview', subjects: ['LiFePO4'], subjectFrom: 'question' }],
    ['LiCoO2', { intent: 'overview', subjects: ['LiCoO2'] }],
    ['What about its ionic conductivity?', { intent: 'property', topics: ['ionicConductivity'], subjects: ['LiFePO4'], subjectFrom: 'recent material' }],
    ['And its band gap and space group?', { intent: 'property', topics: ['bandGap', 'structure'], subjects: ['LiFePO4'] }],
    ['Is LFP stable?', { intent: 'property', topics: ['stability'], subjects: ['LiFePO4'], subjectFrom: 'question' }],
    ['What is the molar mass of NMC811?', { intent: 'property', topics: ['molarMass'], subjects: ['LiNi0.8Mn0.1Co0.1O2'] }],
    ['Show me similar cathode materials', { intent: 'similar', application: 'battery-cathode', subjects: ['LiFePO4'] }],
    ['Find alternatives to CdTe for solar absorbers, top 3', { intent: 'similar', application: 'photovoltaic', subjects: ['CdTe'], limit: 3 }],
    ['Any similar photocatalysts?', { intent: 'similar', application: 'photocatalyst' }],
    ['Compare LiCoO2 and LiMn2O4', { intent: 'compare', subjects: ['LiCoO2', 'LiMn2O4'] }],
    ['How does LiMnPO4 compare?', { intent: 'compare', subjects: ['LiMnPO4', 'LiFePO4'] }],
    ['The olivine structure seems crucial for Li+ mobility', { intent: 'statement', subjects: ['LiFePO4'] }],
    ['Analyse Xy2O3', { intent: 'help', subjects: [], invalid: ['Xy2O3'] }],
  ])('%s', (question, expected) => {
    expect(interpret(question, afterLiFePO4)).toMatchObject(expected);
  });

  it('asks for a material when there is none in the question or the context', () => {
    expect(interpret('What about its ionic conductivity?', emptyContext())).toMatchObject({ intent: 'help', subjects: [], subjectFrom: 'none' });
  });

  it('falls back to the focus, then to the previous question', () => {
    expect(interpret('What is its voltage?', emptyContext({ focus: 'LiMnPO4 optimisation' }))).toMatchObject({ subjects: ['LiMnPO4'], subjectFrom: 'focus' });
    const previous = emptyContext({ conversation: [{ question: 'Analyse LiCoO2', answer: null }] });
    expect(interpret('What is its voltage?', previous)).toMatchObject({ subjects: ['LiCoO2'], subjectFrom: 'previous question' });
  });

  it('finds formulas and table names, but not ordinary words or brackets around a formula', () => {
    expect(namedSubjects('Compare LFP with NMC811 and (LiCoO2).')).toEqual(['LiCoO2', 'LiFePO4', 'LiNi0.8Mn0.1Co0.1O2']);
    expect(interpret('What about (LiFePO4)?', emptyContext()).invalid).toEqual([]);
    expect(namedSubjects('Show me What I Need')).toEqual([]);
  });
});
