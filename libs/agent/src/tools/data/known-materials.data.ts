/*
 * Curated table of well-known functional materials, shipped with the project.
 *
 * Every property value carries its public source (paper with DOI where known, a handbook, or a
 * Materials Project id for structures). Values that are not well established were left out rather
 * than estimated. Theoretical capacities are not typed in: known-materials.ts computes them from the
 * formula as n·F/(3.6·M) (F = 96485.332 C/mol, M from IUPAC atomic weights) for the reaction given.
 * Band gaps are experimental room-temperature values unless `conditions` says otherwise.
 *
 * To check against the papers (entered from the literature as recalled, the sources could not be
 * opened when the table was written): LiNiPO4 5.1 V (wolfenstine2005), Li3InCl6 1.49 mS/cm (Li
 * 2019), the band gaps of CsPbI3 1.73 eV (Eperon 2015), Cu2ZnSnS4 1.45 eV (Ito 1988), MAPbI3
 * 1.52 eV and FAPbI3 1.43 eV (Stoumpos 2013), and LiCoO2 3.9 V / LiMn2O4 4.1 V credited to the
 * whittingham2004 review. LiFePO4's room-temperature ionic conductivity is deliberately absent.
 */
import type { KnownMaterialRow } from '../known-materials.types.js';

const S = {
  padhi1997: 'A. K. Padhi, K. S. Nanjundaswamy, J. B. Goodenough, J. Electrochem. Soc. 144, 1188 (1997), doi:10.1149/1.1837571',
  chung2002: 'S.-Y. Chung, J. T. Bloking, Y.-M. Chiang, Nat. Mater. 1, 123 (2002), doi:10.1038/nmat732',
  prosini2002: 'P. P. Prosini, M. Lisi, D. Zane, M. Pasquali, Solid State Ionics 148, 45 (2002)',
  amine2000: 'K. Amine, H. Yasuda, M. Yamachi, Electrochem. Solid-State Lett. 3, 178 (2000), doi:10.1149/1.1390994',
  wolfenstine2005: 'J. Wolfenstine, J. Allen, J. Power Sources 142, 389 (2005)',
  mizushima1980: 'K. Mizushima, P. C. Jones, P. J. Wiseman, J. B. Goodenough, Mater. Res. Bull. 15, 783 (1980), doi:10.1016/0025-5408(80)90012-4',
  whittingham2004: 'M. S. Whittingham, Chem. Rev. 104, 4271 (2004), doi:10.1021/cr020731c',
  thackeray1983: 'M. M. Thackeray, W. I. F. David, P. G. Bruce, J. B. Goodenough, Mater. Res. Bull. 18, 461 (1983), doi:10.1016/0025-5408(83)90138-1',
  zhong1997: 'Q. Zhong, A. Bonakdarpour, M. Zhang, Y. Gao, J. R. Dahn, J. Electrochem. Soc. 144, 205 (1997), doi:10.1149/1.1837386',
  ohzuku2001: 'T. Ohzuku, Y. Makimura, Chem. Lett. 30, 642 (2001), doi:10.1246/cl.2001.642',
  noh2013: 'H.-J. Noh, S. Youn, C. S. Yoon, Y.-K. Sun, J. Power Sources 233, 121 (2013), doi:10.1016/j.jpowsour.2013.01.063',
  recham2010: 'N. Recham et al., Nat. Mater. 9, 68 (2010), doi:10.1038/nmat2590',
  whittingham1976: 'M. S. Whittingham, Science 192, 1126 (1976), doi:10.1126/science.192.4244.1126',
  manthiram2014: 'A. Manthiram, Y. Fu, S.-H. Chung, C. Zu, Y.-S. Su, Chem. Rev. 114, 11751 (2014), doi:10.1021/cr500062v',
  ohzuku1995: 'T. Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1149/1.2048592',
  obrovac2004: 'M. N. Obrovac, L. Christensen, Electrochem. Solid-State Lett. 7, A93 (2004), doi:10.1149/1.1652421',
  goodenough2010: 'J. B. Goodenough, Y. Kim, Chem. Mater. 22, 587 (2010), doi:10.1021/cm901452z',
  crc: 'CRC Handbook of Chemistry and Physics, electrochemical series',
  murugan2007: 'R. Murugan, V. Thangadurai, W. Weppner, Angew. Chem. Int. Ed. 46, 7778 (2007), doi:10.1002/anie.200701144',
  kamaya2011: 'N. Kamaya et al., Nat. Mater. 10, 682 (2011), doi:10.1038/nmat3066',
  kato2016: 'Y. Kato et al., Nat. Energy 1, 16030 (2016), doi:10.1038/nenergy.2016.30',
  liu2013: 'Z. Liu et al., J. Am. Chem. Soc. 135, 975 (2013), doi:10.1021/ja3110895',
  mizuno2005: 'F. Mizuno, A. Hayashi, K. Tadanaga, M. Tatsumisago, Adv. Mater. 17, 918 (2005), doi:10.1002/adma.200401286',
  aono1990: 'H. Aono, E. Sugimoto, Y. Sadaoka, N. Imanaka, G. Adachi, J. Electrochem. Soc. 137, 1023 (1990), doi:10.1149/1.2086597',
  inaguma1993: 'Y. Inaguma et al., Solid State Commun. 86, 689 (1993), doi:10.1016/0038-1098(93)90841-A',
  asano2018: 'T. Asano et al., Adv. Mater. 30, 1803075 (2018), doi:10.1002/adma.201803075',
  li2019: 'X. Li et al., Energy Environ. Sci. 12, 2665 (2019)',
  deiseroth2008: 'H.-J. Deiseroth et al., Angew. Chem. Int. Ed. 47, 755 (2008), doi:10.1002/anie.200703900',
  alpen1977: 'U. v. Alpen, A. Rabenau, G. H. Talat, Appl. Phys. Lett. 30, 621 (1977), doi:10.1063/1.89283',
  goodenough1976: 'J. B. Goodenough, H. Y.-P. Hong, J. A. Kafalas, Mater. Res. Bull. 11, 203 (1976), doi:10.1016/0025-5408(76)90077-5',
  kojima2009: 'A. Kojima, K. Teshima, Y. Shirai, T. Miyasaka, J. Am. Chem. Soc. 131, 6050 (2009), doi:10.1021/ja809598r',
  stoumpos2013: 'C. C. Stoumpos, C. D. Malliakas, M. G. Kanatzidis, Inorg. Chem. 52, 9019 (2013), doi:10.1021/ic401215x',
  eperon2015: 'G. E. Eperon et al., J. Mater. Chem. A 3, 19688 (2015)',
  madelung: 'O. Madelung, Semiconductors: Data Handbook, 3rd ed. (Springer, 2004)',
  vurgaftman2001: 'I. Vurgaftman, J. R. Meyer, L. R. Ram-Mohan, J. Appl. Phys. 89, 5815 (2001), doi:10.1063/1.1368156',
  shay1975: 'J. L. Shay, J. H. Wernick, Ternary Chalcopyrite Semiconductors (Pergamon, 1975)',
  ito1988: 'K. Ito, T. Nakazawa, Jpn. J. Appl. Phys. 27, 2094 (1988)',
  ozgur2005: 'Ü. Özgür et al., J. Appl. Phys. 98, 041301 (2005), doi:10.1063/1.1992666',
  nakamura1994: 'S. Nakamura, T. Mukai, M. Senoh, Appl. Phys. Lett. 64, 1687 (1994), doi:10.1063/1.111832',
  snyder2008: 'G. J. Snyder, E. S. Toberer, Nat. Mater. 7, 105 (2008), doi:10.1038/nmat2090',
  poudel2008: 'B. Poudel et al., Science 320, 634 (2008), doi:10.1126/science.1156446',
  heremans2008: 'J. P. Heremans et al., Science 321, 554 (2008), doi:10.1126/science.1159725',
  zhao2014: 'L.-D. Zhao et al., Nature 508, 373 (2014), doi:10.1038/nature13184',
  liu2012: 'H. Liu et al., Nat. Mater. 11, 422 (2012), doi:10.1038/nmat3273',
  tamaki2016: 'H. Tamaki, H. K. Sato, T. Kanno, Adv. Mater. 28, 10182 (2016), doi:10.1002/adma.201603955',
  zhang2009: 'H. Zhang et al., Nat. Phys. 5, 438 (2009), doi:10.1038/nphys1270',
  jaramillo2007: 'T. F. Jaramillo et al., Science 317, 100 (2007), doi:10.1126/science.1141483',
  mak2010: 'K. F. Mak, C. Lee, J. Hone, J. Shan, T. F. Heinz, Phys. Rev. Lett. 105, 136805 (2010), doi:10.1103/PhysRevLett.105.136805',
  lee2012: 'Y. Lee, J. Suntivich, K. J. May, E. E. Perry, Y. Shao-Horn, J. Phys. Chem. Lett. 3, 399 (2012), doi:10.1021/jz2016507',
  hori1985: 'Y. Hori, K. Kikuchi, S. Suzuki, Chem. Lett. 14, 1695 (1985), doi:10.1246/cl.1985.1695',
  wang2009: 'X. Wang et al., Nat. Mater. 8, 76 (2009), doi:10.1038/nmat2317',
  kudo1999: 'A. Kudo, K. Omori, H. Kato, J. Am. Chem. Soc. 121, 11459 (1999), doi:10.1021/ja992541y',
  sivula2011: 'K. Sivula, F. Le Formal, M. Grätzel, ChemSusChem 4, 432 (2011), doi:10.1002/cssc.201000416',
  fujishima1972: 'A. Fujishima, K. Honda, Nature 238, 37 (1972), doi:10.1038/238037a0',
  fujishima2008: 'A. Fujishima, X. Zhang, D. A. Tryk, Surf. Sci. Rep. 63, 515 (2008), doi:10.1016/j.surfrep.2008.10.001',
  vanBenthem2001: 'K. van Benthem, C. Elsässer, R. H. French, J. Appl. Phys. 90, 6156 (2001), doi:10.1063/1.1415766',
  jaffe1971: 'B. Jaffe, W. R. Cook, H. Jaffe, Piezoelectric Ceramics (Academic Press, 1971)',
  catalan2009: 'G. Catalan, J. F. Scott, Adv. Mater. 21, 2463 (2009), doi:10.1002/adma.200802849',
  wu1987: 'M. K. Wu et al., Phys. Rev. Lett. 58, 908 (1987), doi:10.1103/PhysRevLett.58.908',
  nagamatsu2001: 'J. Nagamatsu et al., Nature 410, 63 (2001), doi:10.1038/35065039',
  sagawa1984: 'M. Sagawa et al., J. Appl. Phys. 55, 2083 (1984), doi:10.1063/1.333572',
  verwey1939: 'E. J. W. Verwey, Nature 144, 327 (1939), doi:10.1038/144327b0',
  coey2010: 'J. M. D. Coey, Magnetism and Magnetic Materials (Cambridge University Press, 2010)',
  morin1959: 'F. J. Morin, Phys. Rev. Lett. 3, 34 (1959), doi:10.1103/PhysRevLett.3.34',
  whited1973: 'R. C. Whited, C. J. Flaten, W. C. Walker, Solid State Commun. 13, 1903 (1973)',
  french1990: 'R. H. French, J. Am. Ceram. Soc. 73, 477 (1990)',
  hench1991: 'L. L. Hench, J. Am. Ceram. Soc. 74, 1487 (1991)',
} as const;

const mp = (id: string) => `Materials Project ${id}`;
const gap = (value: number, source: string, conditions?: string) => ({ value, unit: 'eV', source, ...(conditions ? { conditions } : {}) });
const vsLi = (value: number, source: string, conditions?: string) => ({ value, unit: 'V vs Li/Li+', source, ...(conditions ? { conditions } : {}) });
const sigma = (value: number, source: string, conditions: string) => ({ value, unit: 'S/cm', source, conditions });
const kelvin = (value: number, source: string, conditions?: string) => ({ value, unit: 'K', source, ...(conditions ? { conditions } : {}) });
const zt = (value: number, source: string, conditions: string) => ({ value, unit: 'dimensionless', source, conditions });

export const KNOWN_MATERIAL_ROWS: readonly KnownMaterialRow[] = [
  // ── Battery cathodes ────────────────────────────────────────────────────────────────
  {
    id: 'LiFePO4-olivine', formula: 'LiFePO4', name: 'lithium iron phosphate (LFP)', structureType: 'olivine', spaceGroup: 'Pnma',
    applications: ['battery-cathode'], oxidationStates: { Li: 1, Fe: 2, P: 5, O: -2 }, materialsProjectId: 'mp-19017',
    properties: {
      averageVoltage: vsLi(3.45, S.padhi1997, 'flat two-phase Fe3+/Fe2+ plateau (reported as ≈3.5 V in the original work)'),
      electronicConductivity: sigma(1e-9, S.chung2002, 'undoped, room temperature (order of magnitude)'),
      lithiumDiffusivity: { value: 1.8e-14, unit: 'cm²/s', source: S.prosini2002, conditions: 'chemical diffusion coefficient of Li, room temperature' },
    },
    capacity: { electrons: 1, reaction: 'LiFePO4 → FePO4 + Li' }, sources: [S.padhi1997, mp('mp-19017')],
  },
  {
    id: 'LiMnPO4-olivine', formula: 'LiMnPO4', name: 'lithium manganese phosphate', structureType: 'olivine', spaceGroup: 'Pnma',
    applications: ['battery-cathode'], properties: { averageVoltage: vsLi(4.1, S.padhi1997, 'Mn3+/Mn2+') },
    capacity: { electrons: 1, reaction: 'LiMnPO4 → MnPO4 + Li' }, sources: [S.padhi1997],
  },
  {
    id: 'LiCoPO4-olivine', formula: 'LiCoPO4', name: 'lithium cobalt phosphate', structureType: 'olivine', spaceGroup: 'Pnma',
    applications: ['battery-cathode'], properties: { averageVoltage: vsLi(4.8, S.amine2000, 'Co3+/Co2+') },
    capacity: { electrons: 1, reaction: 'LiCoPO4 → CoPO4 + Li' }, sources: [S.amine2000],
  },
  {
    id: 'LiNiPO4-olivine', formula: 'LiNiPO4', name: 'lithium nickel phosphate', structureType: 'olivine', spaceGroup: 'Pnma',
    applications: ['battery-cathode'], properties: { averageVoltage: vsLi(5.1, S.wolfenstine2005, 'Ni3+/Ni2+, beyond the stability of common electrolytes') },
    capacity: { electrons: 1, reaction: 'LiNiPO4 → NiPO4 + Li' }, sources: [S.wolfenstine2005],
  },
  {
    id: 'LiCoO2-layered', formula: 'LiCoO2', name: 'lithium cobalt oxide (LCO)', structureType: 'layered α-NaFeO2', spaceGroup: 'R-3m',
    applications: ['battery-cathode'], oxidationStates: { Li: 1, Co: 3, O: -2 }, materialsProjectId: 'mp-22526',
    properties: { averageVoltage: vsLi(3.9, S.whittingham2004, 'practical cycling to ≈4.2 V uses about half the Li') },
    capacity: { electrons: 1, reaction: 'LiCoO2 → CoO2 + Li' }, sources: [S.mizushima1980, mp('mp-22526')],
  },
  {
    id: 'LiNiO2-layered', formula: 'LiNiO2', name: 'lithium nickel oxide', structureType: 'layered α-NaFeO2', spaceGroup: 'R-3m',
    applications: ['battery-cathode'], capacity: { electrons: 1, reaction: 'LiNiO2 → NiO2 + Li' }, sources: [S.whittingham2004],
  },
  {
    id: 'LiMn2O4-spinel', formula: 'LiMn2O4', name: 'lithium manganese oxide spinel (LMO)', structureType: 'spinel', spaceGroup: 'Fd-3m',
    applications: ['battery-cathode'], properties: { averageVoltage: vsLi(4.1, S.whittingham2004, '4 V region, Mn4+/Mn3+') },
    capacity: { electrons: 1, reaction: 'LiMn2O4 → 2 MnO2 + Li' }, sources: [S.thackeray1983],
  },
  {
    id: 'LiNi0.5Mn1.5O4-spinel', formula: 'LiNi0.5Mn1.5O4', name: 'high-voltage spinel (LNMO)', structureType: 'spinel', spaceGroup: 'Fd-3m',
    applications: ['battery-cathode'], properties: { averageVoltage: vsLi(4.7, S.zhong1997, 'Ni4+/Ni2+') },
    capacity: { electrons: 1, reaction: 'LiNi0.5Mn1.5O4 → Ni0.5Mn1.5O4 + Li' }, sources: [S.zhong1997],
    notes: 'Fd-3m when Ni/Mn are disordered; the cation-ordered form is P4332.',
  },
  {
    id: 'NMC111-layered', formula: 'LiNi1/3Mn1/3Co1/3O2', name: 'NMC111', structureType: 'layered α-NaFeO2', spaceGroup: 'R-3m',
    applications: ['battery-cathode'], capacity: { electrons: 1, reaction: 'full delithiation' }, sources: [S.ohzuku2001],
  },
  {
    id: 'NMC811-layered', formula: 'LiNi0.8Mn0.1Co0.1O2', name: 'NMC811', structureType: 'layered α-NaFeO2', spaceGroup: 'R-3m',
    applications: ['battery-cathode'], capacity: { electrons: 1, reaction: 'full delithiation' }, sources: [S.noh2013],
  },
  {
    id: 'NCA-layered', formula: 'LiNi0.8Co0.15Al0.05O2', name: 'NCA (lithium nickel cobalt aluminium oxide)', structureType: 'layered α-NaFeO2', spaceGroup: 'R-3m',
    applications: ['battery-cathode'], capacity: { electrons: 1, reaction: 'full delithiation' }, sources: [S.whittingham2004],
  },
  {
    id: 'LiFeSO4F-tavorite', formula: 'LiFeSO4F', name: 'lithium iron fluorosulfate', structureType: 'tavorite', spaceGroup: 'P-1',
    applications: ['battery-cathode'], properties: { averageVoltage: vsLi(3.6, S.recham2010, 'Fe3+/Fe2+') },
    capacity: { electrons: 1, reaction: 'LiFeSO4F → FeSO4F + Li' }, sources: [S.recham2010],
  },
  {
    id: 'V2O5-orthorhombic', formula: 'V2O5', name: 'vanadium pentoxide', structureType: 'layered V2O5', spaceGroup: 'Pmmn',
    applications: ['battery-cathode', 'catalyst'], capacity: { electrons: 1, reaction: 'V2O5 + Li → LiV2O5' }, sources: [S.whittingham2004],
  },
  {
    id: 'TiS2-CdI2', formula: 'TiS2', name: 'titanium disulfide', structureType: 'CdI2', spaceGroup: 'P-3m1',
    applications: ['battery-cathode'], capacity: { electrons: 1, reaction: 'TiS2 + Li → LiTiS2' }, sources: [S.whittingham1976],
    notes: 'The first commercial intercalation cathode (Exxon, 1970s).',
  },
  {
    id: 'S8-alpha', formula: 'S', name: 'sulfur (α-S8), Li–S cathode', structureType: 'α-sulfur', spaceGroup: 'Fddd',
    applications: ['battery-cathode'], capacity: { electrons: 2, reaction: 'S + 2 Li → Li2S' }, sources: [S.manthiram2014],
  },
  {
    id: 'Li2S-antifluorite', formula: 'Li2S', name: 'lithium sulfide', structureType: 'antifluorite', spaceGroup: 'Fm-3m',
    applications: ['battery-cathode'], capacity: { electrons: 2, reaction: 'Li2S → S + 2 Li' }, sources: [S.manthiram2014],
  },
  // ── Battery anodes ──────────────────────────────────────────────────────────────────
  {
    id: 'C-graphite', formula: 'C', name: 'graphite', structureType: 'graphite', spaceGroup: 'P63/mmc',
    applications: ['battery-anode'], materialsProjectId: 'mp-48', capacity: { electrons: 1 / 6, reaction: '6 C + Li → LiC6' },
    sources: [S.goodenough2010, mp('mp-48')],
  },
  {
    id: 'Li4Ti5O12-spinel', formula: 'Li4Ti5O12', name: 'lithium titanate (LTO)', structureType: 'spinel', spaceGroup: 'Fd-3m',
    applications: ['battery-anode'], properties: { averageVoltage: vsLi(1.55, S.ohzuku1995, 'zero-strain two-phase reaction') },
    capacity: { electrons: 3, reaction: 'Li4Ti5O12 + 3 Li → Li7Ti5O12' }, sources: [S.ohzuku1995],
  },
  {
    id: 'Si-diamond', formula: 'Si', name: 'silicon', structureType: 'diamond', spaceGroup: 'Fd-3m',
    applications: ['battery-anode', 'semiconductor', 'photovoltaic'], materialsProjectId: 'mp-149',
    properties: { bandGap: gap(1.12, S.madelung, 'indirect, 300 K') },
    capacity: { electrons: 3.75, reaction: '4 Si + 15 Li → Li15Si4' }, sources: [S.obrovac2004, mp('mp-149')],
  },
  {
    id: 'Ge-diamond', formula: 'Ge', name: 'germanium', structureType: 'diamond', spaceGroup: 'Fd-3m',
    applications: ['semiconductor', 'battery-anode'], materialsProjectId: 'mp-32',
    properties: { bandGap: gap(0.66, S.madelung, 'indirect, 300 K') }, capacity: { electrons: 3.75, reaction: '4 Ge + 15 Li → Li15Ge4' },
    sources: [S.madelung, mp('mp-32')],
  },
  {
    id: 'Li-bcc', formula: 'Li', name: 'lithium metal', structureType: 'bcc', spaceGroup: 'Im-3m',
    applications: ['battery-anode'], properties: { standardPotential: { value: -3.04, unit: 'V vs SHE', source: S.crc } },
    capacity: { electrons: 1, reaction: 'Li → Li+ + e−' }, sources: [S.goodenough2010],
  },
  // ── Solid electrolytes ──────────────────────────────────────────────────────────────
  {
    id: 'LLZO-garnet', formula: 'Li7La3Zr2O12', name: 'LLZO garnet', structureType: 'garnet', spaceGroup: 'Ia-3d',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(3e-4, S.murugan2007, '25 °C, cubic phase') },
    sources: [S.murugan2007], notes: 'Cubic Ia-3d phase; undoped LLZO can crystallise in a far less conductive tetragonal (I41/acd) phase.',
  },
  {
    id: 'LGPS', formula: 'Li10GeP2S12', name: 'LGPS', structureType: 'LGPS', spaceGroup: 'P42/nmc',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(1.2e-2, S.kamaya2011, 'room temperature') }, sources: [S.kamaya2011],
  },
  {
    id: 'LSiPSCl', formula: 'Li9.54Si1.74P1.44S11.7Cl0.3', name: 'LGPS-type Li9.54Si1.74P1.44S11.7Cl0.3', structureType: 'LGPS', spaceGroup: 'P42/nmc',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(2.5e-2, S.kato2016, 'room temperature') }, sources: [S.kato2016],
  },
  {
    id: 'beta-Li3PS4', formula: 'Li3PS4', name: 'β-Li3PS4 (nanoporous)', structureType: 'β-Li3PS4', spaceGroup: 'Pnma',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(1.6e-4, S.liu2013, '25 °C, nanoporous β phase') }, sources: [S.liu2013],
  },
  {
    id: 'Li7P3S11', formula: 'Li7P3S11', name: 'Li7P3S11 glass-ceramic', structureType: 'Li7P3S11', spaceGroup: 'P-1',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(3.2e-3, S.mizuno2005, 'room temperature, glass-ceramic') }, sources: [S.mizuno2005],
  },
  {
    id: 'LATP-NASICON', formula: 'Li1.3Al0.3Ti1.7(PO4)3', name: 'LATP', structureType: 'NASICON', spaceGroup: 'R-3c',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(7e-4, S.aono1990, '25 °C') }, sources: [S.aono1990],
  },
  {
    id: 'LLTO-perovskite', formula: 'Li0.34La0.51TiO2.94', name: 'LLTO (lithium lanthanum titanate)', structureType: 'perovskite',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(1e-3, S.inaguma1993, 'bulk (grain) conductivity, room temperature') },
    sources: [S.inaguma1993], notes: 'A-site-deficient perovskite; total conductivity is lower because of grain boundaries.',
  },
  {
    id: 'Li3YCl6', formula: 'Li3YCl6', name: 'lithium yttrium chloride', structureType: 'Li3YCl6 (hcp anion)', spaceGroup: 'P-3m1',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(5.1e-4, S.asano2018, 'room temperature') }, sources: [S.asano2018],
  },
  {
    id: 'Li3InCl6', formula: 'Li3InCl6', name: 'lithium indium chloride', structureType: 'Li3InCl6 (ccp anion)', spaceGroup: 'C2/m',
    applications: ['solid-electrolyte'], properties: { ionicConductivity: sigma(1.49e-3, S.li2019, '25 °C') }, sources: [S.li2019],
  },
  {
    id: 'Li6PS5Cl-argyrodite', formula: 'Li6PS5Cl', name: 'argyrodite Li6PS5Cl', structureType: 'argyrodite', spaceGroup: 'F-43m',
    applications: ['solid-electrolyte'], sources: [S.deiseroth2008],
  },
  {
    id: 'Li3N', formula: 'Li3N', name: 'lithium nitride', structureType: 'Li3N', spaceGroup: 'P6/mmm',
    applications: ['solid-electrolyte'], sources: [S.alpen1977],
  },
  {
    id: 'NASICON-Na', formula: 'Na3Zr2Si2PO12', name: 'NASICON', structureType: 'NASICON', spaceGroup: 'C2/c',
    applications: ['solid-electrolyte'], sources: [S.goodenough1976], notes: 'Monoclinic at room temperature, rhombohedral (R-3c) at high temperature; a Na+ conductor.',
  },
  // ── Photovoltaics and semiconductors ────────────────────────────────────────────────
  {
    id: 'MAPbI3', formula: 'CH3NH3PbI3', name: 'methylammonium lead iodide (MAPbI3)', structureType: 'perovskite', spaceGroup: 'I4/mcm',
    applications: ['photovoltaic', 'optoelectronic'], properties: { bandGap: gap(1.52, S.stoumpos2013, 'tetragonal phase, room temperature') },
    sources: [S.kojima2009, S.stoumpos2013], notes: 'Hybrid halide perovskite; cubic above ≈330 K, tetragonal at room temperature.',
  },
  {
    id: 'FAPbI3', formula: 'HC(NH2)2PbI3', name: 'formamidinium lead iodide (FAPbI3)', structureType: 'perovskite',
    applications: ['photovoltaic', 'optoelectronic'], properties: { bandGap: gap(1.43, S.stoumpos2013, 'black α phase') }, sources: [S.stoumpos2013],
  },
  {
    id: 'CsPbI3-alpha', formula: 'CsPbI3', name: 'caesium lead iodide (α phase)', structureType: 'perovskite', spaceGroup: 'Pm-3m',
    applications: ['photovoltaic', 'optoelectronic'], properties: { bandGap: gap(1.73, S.eperon2015, 'black perovskite phase') },
    sources: [S.eperon2015], notes: 'The black perovskite phase is metastable at room temperature; the yellow non-perovskite δ phase is stable.',
  },
  {
    id: 'CdTe-zincblende', formula: 'CdTe', name: 'cadmium telluride', structureType: 'zinc blende', spaceGroup: 'F-43m',
    applications: ['photovoltaic', 'semiconductor'], materialsProjectId: 'mp-406', properties: { bandGap: gap(1.5, S.madelung, 'direct, 300 K') },
    sources: [S.madelung, mp('mp-406')],
  },
  {
    id: 'GaAs-zincblende', formula: 'GaAs', name: 'gallium arsenide', structureType: 'zinc blende', spaceGroup: 'F-43m',
    applications: ['photovoltaic', 'semiconductor', 'optoelectronic'], materialsProjectId: 'mp-2534',
    properties: { bandGap: gap(1.42, S.vurgaftman2001, 'direct, 300 K') }, sources: [S.vurgaftman2001, mp('mp-2534')],
  },
  {
    id: 'InP-zincblende', formula: 'InP', name: 'indium phosphide', structureType: 'zinc blende', spaceGroup: 'F-43m',
    applications: ['semiconductor', 'photovoltaic', 'optoelectronic'], properties: { bandGap: gap(1.34, S.madelung, 'direct, 300 K') }, sources: [S.madelung],
  },
  {
    id: 'CuInSe2-chalcopyrite', formula: 'CuInSe2', name: 'copper indium diselenide (CIS)', structureType: 'chalcopyrite', spaceGroup: 'I-42d',
    applications: ['photovoltaic', 'semiconductor'], properties: { bandGap: gap(1.04, S.shay1975, 'direct, room temperature') }, sources: [S.shay1975],
  },
  {
    id: 'CZTS-kesterite', formula: 'Cu2ZnSnS4', name: 'copper zinc tin sulfide (CZTS)', structureType: 'kesterite', spaceGroup: 'I-4',
    applications: ['photovoltaic', 'semiconductor'], properties: { bandGap: gap(1.45, S.ito1988, 'thin film, optical') }, sources: [S.ito1988],
  },
  {
    id: 'CdS-wurtzite', formula: 'CdS', name: 'cadmium sulfide', structureType: 'wurtzite', spaceGroup: 'P63mc',
    applications: ['photovoltaic', 'semiconductor'], properties: { bandGap: gap(2.42, S.madelung, 'direct, 300 K') }, sources: [S.madelung],
    notes: 'Common n-type window/buffer layer in CdTe and CIGS cells.',
  },
  {
    id: 'GaN-wurtzite', formula: 'GaN', name: 'gallium nitride', structureType: 'wurtzite', spaceGroup: 'P63mc',
    applications: ['semiconductor', 'optoelectronic'], materialsProjectId: 'mp-804',
    properties: { bandGap: gap(3.4, S.vurgaftman2001, 'direct, 300 K (3.507 eV at 0 K)') }, sources: [S.nakamura1994, mp('mp-804')],
  },
  {
    id: 'ZnO-wurtzite', formula: 'ZnO', name: 'zinc oxide', structureType: 'wurtzite', spaceGroup: 'P63mc',
    applications: ['semiconductor', 'optoelectronic', 'transparent-conductor', 'piezoelectric'], materialsProjectId: 'mp-2133',
    properties: { bandGap: gap(3.37, S.ozgur2005, 'direct, room temperature') }, sources: [S.ozgur2005, mp('mp-2133')],
  },
  {
    id: 'Cu2O-cuprite', formula: 'Cu2O', name: 'cuprous oxide', structureType: 'cuprite', spaceGroup: 'Pn-3m',
    applications: ['semiconductor', 'photovoltaic', 'photocatalyst'], properties: { bandGap: gap(2.17, S.madelung, 'direct, room temperature') }, sources: [S.madelung],
  },
  {
    id: 'SiC-4H', formula: 'SiC', name: 'silicon carbide (4H)', structureType: 'wurtzite-derived (4H polytype)', spaceGroup: 'P63mc',
    applications: ['semiconductor'], properties: { bandGap: gap(3.23, S.madelung, 'indirect, 300 K, 4H polytype') }, sources: [S.madelung],
  },
  {
    id: 'C-diamond', formula: 'C', name: 'diamond', structureType: 'diamond', spaceGroup: 'Fd-3m',
    applications: ['semiconductor'], materialsProjectId: 'mp-66', properties: { bandGap: gap(5.47, S.madelung, 'indirect, 300 K') }, sources: [S.madelung, mp('mp-66')],
  },
  {
    id: 'SnO2-rutile', formula: 'SnO2', name: 'tin dioxide (cassiterite)', structureType: 'rutile', spaceGroup: 'P42/mnm',
    applications: ['transparent-conductor', 'semiconductor'], properties: { bandGap: gap(3.6, S.madelung, 'direct, room temperature') }, sources: [S.madelung],
  },
  // ── Thermoelectrics ─────────────────────────────────────────────────────────────────
  {
    id: 'Bi2Te3-tetradymite', formula: 'Bi2Te3', name: 'bismuth telluride', structureType: 'tetradymite', spaceGroup: 'R-3m',
    applications: ['thermoelectric', 'topological-insulator'], materialsProjectId: 'mp-34202',
    properties: { zT: zt(1.4, S.poudel2008, 'nanostructured p-type (Bi,Sb)2Te3 alloy, 373 K') }, sources: [S.snyder2008, mp('mp-34202')],
  },
  {
    id: 'PbTe-rocksalt', formula: 'PbTe', name: 'lead telluride', structureType: 'rock salt', spaceGroup: 'Fm-3m',
    applications: ['thermoelectric', 'semiconductor'], materialsProjectId: 'mp-19717',
    properties: { bandGap: gap(0.31, S.madelung, '300 K'), zT: zt(1.5, S.heremans2008, 'Tl-doped (Tl0.02Pb0.98Te), 773 K') },
    sources: [S.snyder2008, mp('mp-19717')],
  },
  {
    id: 'SnSe-Pnma', formula: 'SnSe', name: 'tin selenide', structureType: 'GeS (distorted rock salt)', spaceGroup: 'Pnma',
    applications: ['thermoelectric'], properties: { bandGap: gap(0.86, S.zhao2014, 'indirect'), zT: zt(2.6, S.zhao2014, 'single crystal, b axis, 923 K (high-temperature Cmcm phase)') },
    sources: [S.zhao2014],
  },
  {
    id: 'Cu2Se-antifluorite', formula: 'Cu2Se', name: 'copper selenide (β phase)', structureType: 'antifluorite', spaceGroup: 'Fm-3m',
    applications: ['thermoelectric'], properties: { zT: zt(1.5, S.liu2012, '1000 K, superionic β phase') }, sources: [S.liu2012],
    notes: 'Fm-3m is the high-temperature superionic β phase ("liquid-like" Cu sublattice).',
  },
  {
    id: 'Mg3Sb2', formula: 'Mg3Sb2', name: 'magnesium antimonide', structureType: 'anti-La2O3', spaceGroup: 'P-3m1',
    applications: ['thermoelectric'], properties: { zT: zt(1.5, S.tamaki2016, 'n-type Mg3.2Sb1.5Bi0.49Te0.01, 716 K') }, sources: [S.tamaki2016],
  },
  {
    id: 'CoSb3-skutterudite', formula: 'CoSb3', name: 'cobalt antimonide (skutterudite)', structureType: 'skutterudite', spaceGroup: 'Im-3',
    applications: ['thermoelectric'], sources: [S.snyder2008], notes: 'Filled skutterudites (guest atoms in the cage voids) reach zT above 1.',
  },
  {
    id: 'Bi2Se3-tetradymite', formula: 'Bi2Se3', name: 'bismuth selenide', structureType: 'tetradymite', spaceGroup: 'R-3m',
    applications: ['topological-insulator', 'thermoelectric'], materialsProjectId: 'mp-541837',
    properties: { bandGap: gap(0.3, S.zhang2009, 'bulk gap') }, sources: [S.zhang2009, mp('mp-541837')],
  },
  // ── Catalysts and photocatalysts ────────────────────────────────────────────────────
  {
    id: 'Pt-fcc', formula: 'Pt', name: 'platinum', structureType: 'fcc', spaceGroup: 'Fm-3m',
    applications: ['electrocatalyst', 'catalyst'], materialsProjectId: 'mp-126', sources: [mp('mp-126')],
    notes: 'Benchmark catalyst for the hydrogen evolution and oxygen reduction reactions.',
  },
  {
    id: 'Cu-fcc', formula: 'Cu', name: 'copper', structureType: 'fcc', spaceGroup: 'Fm-3m',
    applications: ['electrocatalyst'], materialsProjectId: 'mp-30', sources: [S.hori1985, mp('mp-30')],
    notes: 'The metal that reduces CO2 electrochemically to hydrocarbons (CH4, C2H4).',
  },
  {
    id: 'IrO2-rutile', formula: 'IrO2', name: 'iridium dioxide', structureType: 'rutile', spaceGroup: 'P42/mnm',
    applications: ['electrocatalyst'], sources: [S.lee2012], notes: 'Oxygen evolution catalyst, stable in acid (PEM electrolysers).',
  },
  {
    id: 'RuO2-rutile', formula: 'RuO2', name: 'ruthenium dioxide', structureType: 'rutile', spaceGroup: 'P42/mnm',
    applications: ['electrocatalyst'], sources: [S.lee2012], notes: 'Highly active oxygen evolution catalyst, less stable than IrO2.',
  },
  {
    id: 'MoS2-2H', formula: 'MoS2', name: 'molybdenum disulfide (2H)', structureType: 'molybdenite (2H)', spaceGroup: 'P63/mmc',
    applications: ['electrocatalyst', 'semiconductor'], materialsProjectId: 'mp-2815',
    properties: { bandGap: gap(1.29, S.mak2010, 'bulk, indirect (monolayer: 1.8 eV direct)') }, sources: [S.jaramillo2007, S.mak2010, mp('mp-2815')],
    notes: 'Edge sites are active for hydrogen evolution.',
  },
  {
    id: 'CeO2-fluorite', formula: 'CeO2', name: 'ceria', structureType: 'fluorite', spaceGroup: 'Fm-3m',
    applications: ['catalyst'], materialsProjectId: 'mp-20194', sources: [mp('mp-20194')],
    notes: 'Oxygen storage via Ce4+/Ce3+ (three-way catalysts, catalyst support).',
  },
  {
    id: 'Co3O4-spinel', formula: 'Co3O4', name: 'cobalt(II,III) oxide', structureType: 'spinel', spaceGroup: 'Fd-3m',
    applications: ['catalyst', 'electrocatalyst'], sources: [S.whittingham2004], notes: 'Normal spinel: Co2+ tetrahedral, Co3+ octahedral.',
  },
  {
    id: 'g-C3N4', formula: 'C3N4', name: 'graphitic carbon nitride (g-C3N4)', structureType: 'graphitic (layered)',
    applications: ['photocatalyst'], properties: { bandGap: gap(2.7, S.wang2009) }, sources: [S.wang2009],
  },
  {
    id: 'BiVO4-scheelite', formula: 'BiVO4', name: 'bismuth vanadate', structureType: 'monoclinic scheelite', spaceGroup: 'I2/b',
    applications: ['photocatalyst'], properties: { bandGap: gap(2.4, S.kudo1999, 'monoclinic scheelite') }, sources: [S.kudo1999],
  },
  {
    id: 'Fe2O3-hematite', formula: 'Fe2O3', name: 'hematite (α-Fe2O3)', structureType: 'corundum', spaceGroup: 'R-3c',
    applications: ['photocatalyst'], properties: { bandGap: gap(2.1, S.sivula2011) }, sources: [S.sivula2011],
  },
  {
    id: 'TiO2-anatase', formula: 'TiO2', name: 'titanium dioxide (anatase)', structureType: 'anatase', spaceGroup: 'I41/amd',
    applications: ['photocatalyst'], materialsProjectId: 'mp-390', properties: { bandGap: gap(3.2, S.fujishima2008) },
    sources: [S.fujishima2008, mp('mp-390')],
  },
  {
    id: 'TiO2-rutile', formula: 'TiO2', name: 'titanium dioxide (rutile)', structureType: 'rutile', spaceGroup: 'P42/mnm',
    applications: ['photocatalyst'], materialsProjectId: 'mp-2657', properties: { bandGap: gap(3.0, S.fujishima2008) },
    sources: [S.fujishima1972, mp('mp-2657')], notes: 'Photoelectrode of the Fujishima–Honda water-splitting experiment.',
  },
  // ── Oxide perovskites and ferroics ──────────────────────────────────────────────────
  {
    id: 'SrTiO3-perovskite', formula: 'SrTiO3', name: 'strontium titanate', structureType: 'perovskite', spaceGroup: 'Pm-3m',
    applications: ['dielectric', 'photocatalyst'], materialsProjectId: 'mp-5229',
    properties: { bandGap: gap(3.25, S.vanBenthem2001, 'indirect (3.75 eV direct)') }, sources: [S.vanBenthem2001, mp('mp-5229')],
  },
  {
    id: 'BaTiO3-perovskite', formula: 'BaTiO3', name: 'barium titanate', structureType: 'perovskite', spaceGroup: 'P4mm',
    applications: ['ferroelectric', 'piezoelectric', 'dielectric'], properties: { curieTemperature: kelvin(393, S.jaffe1971, 'ferroelectric–paraelectric, ≈120 °C') },
    sources: [S.jaffe1971], notes: 'Tetragonal P4mm at room temperature, cubic above the Curie point.',
  },
  {
    id: 'PbTiO3-perovskite', formula: 'PbTiO3', name: 'lead titanate', structureType: 'perovskite', spaceGroup: 'P4mm',
    applications: ['ferroelectric', 'piezoelectric'], properties: { curieTemperature: kelvin(763, S.jaffe1971, 'ferroelectric–paraelectric, ≈490 °C') }, sources: [S.jaffe1971],
  },
  {
    id: 'BiFeO3-perovskite', formula: 'BiFeO3', name: 'bismuth ferrite', structureType: 'perovskite', spaceGroup: 'R3c',
    applications: ['multiferroic', 'ferroelectric'],
    properties: { curieTemperature: kelvin(1103, S.catalan2009, 'ferroelectric'), neelTemperature: kelvin(643, S.catalan2009, 'antiferromagnetic') },
    sources: [S.catalan2009],
  },
  {
    id: 'CaTiO3-perovskite', formula: 'CaTiO3', name: 'calcium titanate (the mineral perovskite)', structureType: 'perovskite', spaceGroup: 'Pnma',
    applications: ['dielectric'], sources: [S.jaffe1971], notes: 'The mineral that gave the structure type its name; orthorhombic (tilted octahedra).',
  },
  {
    id: 'LiNbO3', formula: 'LiNbO3', name: 'lithium niobate', structureType: 'LiNbO3', spaceGroup: 'R3c',
    applications: ['ferroelectric', 'piezoelectric', 'optoelectronic'], sources: [S.jaffe1971],
  },
  // ── Others: magnets, superconductors, references ────────────────────────────────────
  {
    id: 'Fe3O4-spinel', formula: 'Fe3O4', name: 'magnetite', structureType: 'inverse spinel', spaceGroup: 'Fd-3m',
    applications: ['magnet'], materialsProjectId: 'mp-19306',
    properties: { transitionTemperature: kelvin(120, S.verwey1939, 'Verwey transition'), curieTemperature: kelvin(858, S.coey2010, 'ferrimagnetic ordering') },
    sources: [S.verwey1939, mp('mp-19306')], notes: 'Mixed valence: Fe3+ on tetrahedral sites, Fe2+/Fe3+ on octahedral sites.',
  },
  {
    id: 'Nd2Fe14B', formula: 'Nd2Fe14B', name: 'neodymium iron boron magnet', structureType: 'Nd2Fe14B', spaceGroup: 'P42/mnm',
    applications: ['magnet'], properties: { curieTemperature: kelvin(585, S.sagawa1984) }, sources: [S.sagawa1984],
  },
  {
    id: 'YBCO', formula: 'YBa2Cu3O7', name: 'yttrium barium copper oxide (YBCO)', structureType: 'layered perovskite (123)', spaceGroup: 'Pmmm',
    applications: ['superconductor'], properties: { superconductingTc: kelvin(93, S.wu1987) }, sources: [S.wu1987],
    notes: 'Strictly YBa2Cu3O7−δ; Tc depends on the oxygen content.',
  },
  {
    id: 'MgB2', formula: 'MgB2', name: 'magnesium diboride', structureType: 'AlB2', spaceGroup: 'P6/mmm',
    applications: ['superconductor'], materialsProjectId: 'mp-763', properties: { superconductingTc: kelvin(39, S.nagamatsu2001) },
    sources: [S.nagamatsu2001, mp('mp-763')],
  },
  {
    id: 'VO2-M1', formula: 'VO2', name: 'vanadium dioxide (M1)', structureType: 'distorted rutile', spaceGroup: 'P21/c',
    applications: ['phase-change'], properties: { transitionTemperature: kelvin(340, S.morin1959, 'metal–insulator transition') }, sources: [S.morin1959],
  },
  {
    id: 'NaCl-rocksalt', formula: 'NaCl', name: 'sodium chloride (halite)', structureType: 'rock salt', spaceGroup: 'Fm-3m',
    applications: ['reference'], materialsProjectId: 'mp-22862', sources: [mp('mp-22862')],
  },
  {
    id: 'MgO-rocksalt', formula: 'MgO', name: 'magnesium oxide (periclase)', structureType: 'rock salt', spaceGroup: 'Fm-3m',
    applications: ['dielectric', 'reference'], materialsProjectId: 'mp-1265', properties: { bandGap: gap(7.8, S.whited1973, 'optical, room temperature') },
    sources: [S.whited1973, mp('mp-1265')],
  },
  {
    id: 'Al2O3-corundum', formula: 'Al2O3', name: 'alumina (corundum, sapphire)', structureType: 'corundum', spaceGroup: 'R-3c',
    applications: ['dielectric', 'catalyst'], materialsProjectId: 'mp-1143', properties: { bandGap: gap(8.8, S.french1990) },
    sources: [S.french1990, mp('mp-1143')], notes: 'α-Al2O3; γ-Al2O3 is the common catalyst support.',
  },
  {
    id: 'SiO2-alpha-quartz', formula: 'SiO2', name: 'α-quartz', structureType: 'α-quartz', spaceGroup: 'P3221',
    applications: ['piezoelectric', 'dielectric'], sources: [S.jaffe1971], notes: 'Chiral: P3121 and P3221 enantiomorphs.',
  },
  {
    id: 'hydroxyapatite', formula: 'Ca5(PO4)3OH', name: 'hydroxyapatite', structureType: 'apatite', spaceGroup: 'P63/m',
    applications: ['biomaterial'], sources: [S.hench1991], notes: 'Mineral component of bone and teeth; bioactive ceramic.',
  },
];
