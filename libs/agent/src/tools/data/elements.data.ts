/*
 * Element data for the built-in materials tools (elements 1–118).
 *
 * Sources
 * - mass: IUPAC/CIAAW standard atomic weights, 2021 table (T. Prohaska et al., Pure Appl. Chem.
 *   94, 573 (2022), doi:10.1515/pac-2019-0603), except for the elements whose standard atomic
 *   weight became an interval in 2009–2011 (H, Li, B, C, N, O, Mg, Si, S, Cl, Tl): those keep the
 *   single IUPAC 2007 values (M. E. Wieser, T. B. Coplen, Pure Appl. Chem. 83, 359 (2011),
 *   doi:10.1351/PAC-REP-10-09-14, table of 2007 values), which are the ones pymatgen and the
 *   Materials Project use and which handbooks quote (LiFePO4 157.76 g/mol, CuSO4·5H2O 249.69).
 *   Elements without a standard atomic weight carry the mass number of a long-lived isotope
 *   (flagged by `massIsMassNumber`).
 * - chi: Pauling electronegativity, Allred's revised values (A. L. Allred, J. Inorg. Nucl. Chem. 17,
 *   215 (1961), doi:10.1016/0022-1902(61)80142-5) as tabulated in the CRC Handbook of Chemistry and
 *   Physics; Pb and Tl take the value of their lower (common) state, Pb(II) 1.87 and Tl(I) 1.62;
 *   Bk–No take 1.3 as recommended by Pauling. null where no value is established (noble gases
 *   He, Ne, Ar, Rn; Pm, Eu, Tb, Yb; Lr and beyond).
 * - states: common oxidation states, most common first: the main states listed in N. N. Greenwood
 *   and A. Earnshaw, Chemistry of the Elements, 2nd ed. (1997), plus states that are routine in
 *   functional materials (Ti3+, V3+/4+, Mn3+/4+, Co3+, Ni3+, Cu3+ in cuprates, C−2/+2 in organic
 *   cations and cyanide). The order decides which assignment the oxidation-state tool reports first.
 * - radii: Shannon effective ionic radii in Å (R. D. Shannon, Acta Cryst. A32, 751 (1976),
 *   doi:10.1107/S0567739476001551), coordination VI; high spin for 3d ions except Co3+ and Ni3+,
 *   which take the low-spin value found in layered oxides; N3− is CN IV and Ra2+ CN VIII (no CN VI
 *   value exists). States without a Shannon value have no entry.
 */

export interface ElementRecord {
  z: number;
  symbol: string;
  name: string;
  mass: number;
  massIsMassNumber?: true;
  chi: number | null;
  states: readonly number[];
  radii: Readonly<Record<number, number>>;
}

type Row = readonly [z: number, symbol: string, name: string, mass: number, chi: number | null, states: readonly number[], radii?: Record<number, number>];

// One row per element keeps the table reviewable line by line against the sources above.
const ROWS: readonly Row[] = [
  [1, 'H', 'Hydrogen', 1.00794, 2.2, [1, -1]],
  [2, 'He', 'Helium', 4.002602, null, []],
  [3, 'Li', 'Lithium', 6.941, 0.98, [1], { 1: 0.76 }],
  [4, 'Be', 'Beryllium', 9.0121831, 1.57, [2], { 2: 0.45 }],
  [5, 'B', 'Boron', 10.811, 2.04, [3], { 3: 0.27 }],
  [6, 'C', 'Carbon', 12.0107, 2.55, [4, -4, -2, 2], { 4: 0.16 }],
  [7, 'N', 'Nitrogen', 14.0067, 3.04, [-3, 3, 5], { [-3]: 1.46, 3: 0.16, 5: 0.13 }],
  [8, 'O', 'Oxygen', 15.9994, 3.44, [-2], { [-2]: 1.4 }],
  [9, 'F', 'Fluorine', 18.998403162, 3.98, [-1], { [-1]: 1.33 }],
  [10, 'Ne', 'Neon', 20.1797, null, []],
  [11, 'Na', 'Sodium', 22.98976928, 0.93, [1], { 1: 1.02 }],
  [12, 'Mg', 'Magnesium', 24.305, 1.31, [2], { 2: 0.72 }],
  [13, 'Al', 'Aluminium', 26.9815384, 1.61, [3], { 3: 0.535 }],
  [14, 'Si', 'Silicon', 28.0855, 1.9, [4, -4], { 4: 0.4 }],
  [15, 'P', 'Phosphorus', 30.973761998, 2.19, [5, 3, -3], { 5: 0.38, 3: 0.44 }],
  [16, 'S', 'Sulfur', 32.065, 2.58, [-2, 6, 4], { [-2]: 1.84, 6: 0.29, 4: 0.37 }],
  [17, 'Cl', 'Chlorine', 35.453, 3.16, [-1, 1, 3, 5, 7], { [-1]: 1.81, 7: 0.27 }],
  [18, 'Ar', 'Argon', 39.95, null, []],
  [19, 'K', 'Potassium', 39.0983, 0.82, [1], { 1: 1.38 }],
  [20, 'Ca', 'Calcium', 40.078, 1.0, [2], { 2: 1.0 }],
  [21, 'Sc', 'Scandium', 44.955907, 1.36, [3], { 3: 0.745 }],
  [22, 'Ti', 'Titanium', 47.867, 1.54, [4, 3, 2], { 4: 0.605, 3: 0.67, 2: 0.86 }],
  [23, 'V', 'Vanadium', 50.9415, 1.63, [5, 4, 3, 2], { 5: 0.54, 4: 0.58, 3: 0.64, 2: 0.79 }],
  [24, 'Cr', 'Chromium', 51.9961, 1.66, [3, 6, 2], { 3: 0.615, 6: 0.44, 2: 0.8 }],
  [25, 'Mn', 'Manganese', 54.938043, 1.55, [2, 3, 4, 7], { 2: 0.83, 3: 0.645, 4: 0.53, 7: 0.46 }],
  [26, 'Fe', 'Iron', 55.845, 1.83, [2, 3], { 2: 0.78, 3: 0.645 }],
  [27, 'Co', 'Cobalt', 58.933194, 1.88, [2, 3], { 2: 0.745, 3: 0.545 }],
  [28, 'Ni', 'Nickel', 58.6934, 1.91, [2, 3], { 2: 0.69, 3: 0.56 }],
  [29, 'Cu', 'Copper', 63.546, 1.9, [1, 2, 3], { 1: 0.77, 2: 0.73, 3: 0.54 }],
  [30, 'Zn', 'Zinc', 65.38, 1.65, [2], { 2: 0.74 }],
  [31, 'Ga', 'Gallium', 69.723, 1.81, [3], { 3: 0.62 }],
  [32, 'Ge', 'Germanium', 72.63, 2.01, [4, 2, -4], { 4: 0.53, 2: 0.73 }],
  [33, 'As', 'Arsenic', 74.921595, 2.18, [3, 5, -3], { 3: 0.58, 5: 0.46 }],
  [34, 'Se', 'Selenium', 78.971, 2.55, [-2, 4, 6], { [-2]: 1.98, 4: 0.5, 6: 0.42 }],
  [35, 'Br', 'Bromine', 79.904, 2.96, [-1, 1, 3, 5, 7], { [-1]: 1.96, 7: 0.39 }],
  [36, 'Kr', 'Krypton', 83.798, 3.0, [2]],
  [37, 'Rb', 'Rubidium', 85.4678, 0.82, [1], { 1: 1.52 }],
  [38, 'Sr', 'Strontium', 87.62, 0.95, [2], { 2: 1.18 }],
  [39, 'Y', 'Yttrium', 88.905838, 1.22, [3], { 3: 0.9 }],
  [40, 'Zr', 'Zirconium', 91.224, 1.33, [4], { 4: 0.72 }],
  [41, 'Nb', 'Niobium', 92.90637, 1.6, [5, 4, 3], { 5: 0.64, 4: 0.68, 3: 0.72 }],
  [42, 'Mo', 'Molybdenum', 95.95, 2.16, [6, 4], { 6: 0.59, 4: 0.65 }],
  [43, 'Tc', 'Technetium', 97, 1.9, [7, 4], { 7: 0.56, 4: 0.645 }],
  [44, 'Ru', 'Ruthenium', 101.07, 2.2, [4, 3], { 4: 0.62, 3: 0.68 }],
  [45, 'Rh', 'Rhodium', 102.90549, 2.28, [3], { 3: 0.665 }],
  [46, 'Pd', 'Palladium', 106.42, 2.2, [2, 4], { 2: 0.86, 4: 0.615 }],
  [47, 'Ag', 'Silver', 107.8682, 1.93, [1], { 1: 1.15 }],
  [48, 'Cd', 'Cadmium', 112.414, 1.69, [2], { 2: 0.95 }],
  [49, 'In', 'Indium', 114.818, 1.78, [3], { 3: 0.8 }],
  [50, 'Sn', 'Tin', 118.71, 1.96, [4, 2], { 4: 0.69 }],
  [51, 'Sb', 'Antimony', 121.76, 2.05, [3, 5, -3], { 3: 0.76, 5: 0.6 }],
  [52, 'Te', 'Tellurium', 127.6, 2.1, [-2, 4, 6], { [-2]: 2.21, 4: 0.97, 6: 0.56 }],
  [53, 'I', 'Iodine', 126.90447, 2.66, [-1, 1, 3, 5, 7], { [-1]: 2.2, 5: 0.95, 7: 0.53 }],
  [54, 'Xe', 'Xenon', 131.293, 2.6, [2, 4, 6]],
  [55, 'Cs', 'Caesium', 132.90545196, 0.79, [1], { 1: 1.67 }],
  [56, 'Ba', 'Barium', 137.327, 0.89, [2], { 2: 1.35 }],
  [57, 'La', 'Lanthanum', 138.90547, 1.1, [3], { 3: 1.032 }],
  [58, 'Ce', 'Cerium', 140.116, 1.12, [3, 4], { 3: 1.01, 4: 0.87 }],
  [59, 'Pr', 'Praseodymium', 140.90766, 1.13, [3, 4], { 3: 0.99, 4: 0.85 }],
  [60, 'Nd', 'Neodymium', 144.242, 1.14, [3], { 3: 0.983 }],
  [61, 'Pm', 'Promethium', 145, null, [3], { 3: 0.97 }],
  [62, 'Sm', 'Samarium', 150.36, 1.17, [3, 2], { 3: 0.958 }],
  [63, 'Eu', 'Europium', 151.964, null, [3, 2], { 3: 0.947, 2: 1.17 }],
  [64, 'Gd', 'Gadolinium', 157.25, 1.2, [3], { 3: 0.938 }],
  [65, 'Tb', 'Terbium', 158.925354, null, [3, 4], { 3: 0.923, 4: 0.76 }],
  [66, 'Dy', 'Dysprosium', 162.5, 1.22, [3], { 3: 0.912 }],
  [67, 'Ho', 'Holmium', 164.930329, 1.23, [3], { 3: 0.901 }],
  [68, 'Er', 'Erbium', 167.259, 1.24, [3], { 3: 0.89 }],
  [69, 'Tm', 'Thulium', 168.934219, 1.25, [3], { 3: 0.88 }],
  [70, 'Yb', 'Ytterbium', 173.045, null, [3, 2], { 3: 0.868, 2: 1.02 }],
  [71, 'Lu', 'Lutetium', 174.9668, 1.27, [3], { 3: 0.861 }],
  [72, 'Hf', 'Hafnium', 178.486, 1.3, [4], { 4: 0.71 }],
  [73, 'Ta', 'Tantalum', 180.94788, 1.5, [5], { 5: 0.64 }],
  [74, 'W', 'Tungsten', 183.84, 2.36, [6, 4], { 6: 0.6, 4: 0.66 }],
  [75, 'Re', 'Rhenium', 186.207, 1.9, [7, 4], { 7: 0.53, 4: 0.63 }],
  [76, 'Os', 'Osmium', 190.23, 2.2, [4], { 4: 0.63 }],
  [77, 'Ir', 'Iridium', 192.217, 2.2, [4, 3], { 4: 0.625, 3: 0.68 }],
  [78, 'Pt', 'Platinum', 195.084, 2.28, [2, 4], { 2: 0.8, 4: 0.625 }],
  [79, 'Au', 'Gold', 196.96657, 2.54, [3, 1], { 3: 0.85, 1: 1.37 }],
  [80, 'Hg', 'Mercury', 200.592, 2.0, [2, 1], { 2: 1.02, 1: 1.19 }],
  [81, 'Tl', 'Thallium', 204.3833, 1.62, [1, 3], { 1: 1.5, 3: 0.885 }],
  [82, 'Pb', 'Lead', 207.2, 1.87, [2, 4], { 2: 1.19, 4: 0.775 }],
  [83, 'Bi', 'Bismuth', 208.9804, 2.02, [3, 5], { 3: 1.03, 5: 0.76 }],
  [84, 'Po', 'Polonium', 209, 2.0, [2, 4], { 4: 0.94 }],
  [85, 'At', 'Astatine', 210, 2.2, [-1, 1]],
  [86, 'Rn', 'Radon', 222, null, []],
  [87, 'Fr', 'Francium', 223, 0.7, [1], { 1: 1.8 }],
  [88, 'Ra', 'Radium', 226, 0.9, [2], { 2: 1.48 }],
  [89, 'Ac', 'Actinium', 227, 1.1, [3], { 3: 1.12 }],
  [90, 'Th', 'Thorium', 232.0377, 1.3, [4], { 4: 0.94 }],
  [91, 'Pa', 'Protactinium', 231.03588, 1.5, [5], { 5: 0.78 }],
  [92, 'U', 'Uranium', 238.02891, 1.38, [6, 4], { 6: 0.73, 4: 0.89 }],
  [93, 'Np', 'Neptunium', 237, 1.36, [5], { 5: 0.75 }],
  [94, 'Pu', 'Plutonium', 244, 1.28, [4], { 4: 0.86 }],
  [95, 'Am', 'Americium', 243, 1.13, [3], { 3: 0.975 }],
  [96, 'Cm', 'Curium', 247, 1.28, [3], { 3: 0.97 }],
  [97, 'Bk', 'Berkelium', 247, 1.3, [3], { 3: 0.96 }],
  [98, 'Cf', 'Californium', 251, 1.3, [3], { 3: 0.95 }],
  [99, 'Es', 'Einsteinium', 252, 1.3, [3]],
  [100, 'Fm', 'Fermium', 257, 1.3, [3]],
  [101, 'Md', 'Mendelevium', 258, 1.3, [3]],
  [102, 'No', 'Nobelium', 259, 1.3, [2]],
  [103, 'Lr', 'Lawrencium', 266, null, [3]],
  [104, 'Rf', 'Rutherfordium', 267, null, []],
  [105, 'Db', 'Dubnium', 268, null, []],
  [106, 'Sg', 'Seaborgium', 269, null, []],
  [107, 'Bh', 'Bohrium', 270, null, []],
  [108, 'Hs', 'Hassium', 269, null, []],
  [109, 'Mt', 'Meitnerium', 278, null, []],
  [110, 'Ds', 'Darmstadtium', 281, null, []],
  [111, 'Rg', 'Roentgenium', 282, null, []],
  [112, 'Cn', 'Copernicium', 285, null, []],
  [113, 'Nh', 'Nihonium', 286, null, []],
  [114, 'Fl', 'Flerovium', 290, null, []],
  [115, 'Mc', 'Moscovium', 290, null, []],
  [116, 'Lv', 'Livermorium', 293, null, []],
  [117, 'Ts', 'Tennessine', 294, null, []],
  [118, 'Og', 'Oganesson', 294, null, []],
];

// Tc, Pm and Po onward (except Th, Pa, U) have no standard atomic weight.
const NO_STANDARD_WEIGHT = new Set(['Tc', 'Pm', 'Po', 'At', 'Rn', 'Fr', 'Ra', 'Ac', 'Np', 'Pu', 'Am', 'Cm', 'Bk', 'Cf', 'Es', 'Fm', 'Md', 'No', 'Lr', 'Rf', 'Db', 'Sg', 'Bh', 'Hs', 'Mt', 'Ds', 'Rg', 'Cn', 'Nh', 'Fl', 'Mc', 'Lv', 'Ts', 'Og']);

export const ELEMENT_RECORDS: readonly ElementRecord[] = ROWS.map(([z, symbol, name, mass, chi, states, radii]) => ({
  z,
  symbol,
  name,
  mass,
  ...(NO_STANDARD_WEIGHT.has(symbol) ? { massIsMassNumber: true as const } : {}),
  chi,
  states,
  radii: radii ?? {},
}));

export const ELEMENT_DATA_SOURCES = {
  mass: 'IUPAC/CIAAW standard atomic weights 2021, Prohaska et al., Pure Appl. Chem. 94, 573 (2022), doi:10.1515/pac-2019-0603; for H, Li, B, C, N, O, Mg, Si, S, Cl, Tl the IUPAC 2007 values, Wieser, Coplen, Pure Appl. Chem. 83, 359 (2011), doi:10.1351/PAC-REP-10-09-14',
  electronegativity: 'Pauling scale, A. L. Allred, J. Inorg. Nucl. Chem. 17, 215 (1961), doi:10.1016/0022-1902(61)80142-5',
  oxidationStates: 'N. N. Greenwood, A. Earnshaw, Chemistry of the Elements, 2nd ed. (1997), main states, plus states routine in functional materials',
  ionicRadii: 'R. D. Shannon, Acta Cryst. A32, 751 (1976), doi:10.1107/S0567739476001551 (CN VI)',
} as const;
