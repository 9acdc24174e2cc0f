import { findFormulas } from './find-formulas.js';

describe('findFormulas', () => {
  it.each([
    ['Analyse LiFePO4', ['LiFePO4']],
    ['compare LiCoO2 and LiMn2O4', ['LiCoO2', 'LiMn2O4']],
    ['Compare LiCoO2, LiMn2O4 and LiNi0.8Mn0.1Co0.1O2.', ['LiCoO2', 'LiMn2O4', 'LiNi0.8Mn0.1Co0.1O2']],
    ['Is Ca5(PO4)3OH stable?', ['Ca5(PO4)3OH']],
    ['materials (e.g. LiFePO4) for cathodes', ['LiFePO4']],
    ['Is LiFePO4-based chemistry better than LiFePO4/C?', ['LiFePO4']],
    ['Dissolve CuSO4·5H2O in H2O', ['CuSO4·5H2O', 'H2O']],
    ['Use CO2 and H2O', ['CO2', 'H2O']],
    ['Silicon (Si) anodes', ['Si']],
    ['LiFePO4 vs FeLiPO4', ['LiFePO4']],
    ['[Fe(CN)6]4- complexes', ['[Fe(CN)6]4-']],
    ['Li7La3Zr2O12 (LLZO) conducts Li+', ['Li7La3Zr2O12']],
  ])('finds the formulas in %j', (text, formulas) => {
    expect(findFormulas(text)).toEqual(formulas);
  });

  it.each([
    'What about its ionic conductivity?',
    'I think so. Show me more',
    'COVID and CO are not materials here; NO, OK, HI',
    'Heat to 25 C in a Li-ion cell',
    'Fe3+ ions in solution',
    'He said No',
    '',
  ])('finds no formula in %j', (text) => {
    expect(findFormulas(text)).toEqual([]);
  });
});
