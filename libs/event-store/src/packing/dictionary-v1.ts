// Version 1 of the dictionary that packed JSON is deflated with (see packed-json.ts). Frozen: rows
// written with it must stay readable, so a better dictionary is a new version, never an edit.
// Made from one offline-analyst turn on Li4Ti5O12 (a formula outside the benchmarks' set) and one
// context item, with ids, hashes and instants blanked: what it holds is the keys, tool names,
// units and phrasing that events repeat, not any session's data.
export const DICTIONARY_V1 = Buffer.from(
  "{\"queryId\":\"\",\"text\":\"Analyse Li4Ti5O12\",\"at\":\"2026-01-01T00:00:00.000Z\"}{\"invocationId\":\"\",\"tool\":\"" +
  "composition\",\"input\":{\"formula\":\"Li4Ti5O12\"},\"output\":{\"formula\":\"Li4Ti5O12\",\"reducedFormula\":\"Li4Ti" +
  "5O12\",\"hillFormula\":\"Li4O12Ti5\",\"key\":\"Li4O12Ti5\",\"charge\":0,\"totalAtoms\":21,\"molarMass\":459.0918,\"e" +
  "lements\":[{\"element\":\"Li\",\"count\":4,\"atomicMass\":6.941,\"mass\":27.764,\"massFraction\":0.060476,\"atomic" +
  "Fraction\":0.190476},{\"element\":\"Ti\",\"count\":5,\"atomicMass\":47.867,\"mass\":239.335,\"massFraction\":0.52" +
  "1323,\"atomicFraction\":0.238095},{\"element\":\"O\",\"count\":12,\"atomicMass\":15.9994,\"mass\":191.9928,\"mass" +
  "Fraction\":0.418201,\"atomicFraction\":0.571429}]},\"durationMs\":1,\"queryId\":\"\",\"at\":\"2026-01-01T00:00:0" +
  "0.000Z\"}{\"invocationId\":\"\",\"tool\":\"oxidation_states\",\"input\":{\"formula\":\"Li4Ti5O12\",\"maxResults\":3}," +
  "\"output\":{\"formula\":\"Li4Ti5O12\",\"reducedFormula\":\"Li4Ti5O12\",\"charge\":0,\"chargeNeutral\":true,\"electr" +
  "onegativityOk\":true,\"plausible\":true,\"mode\":\"uniform\",\"assignments\":[{\"sites\":[{\"element\":\"Li\",\"stat" +
  "es\":[{\"state\":1,\"count\":4}],\"average\":1},{\"element\":\"Ti\",\"states\":[{\"state\":4,\"count\":5}],\"average\":" +
  "4},{\"element\":\"O\",\"states\":[{\"state\":-2,\"count\":12}],\"average\":-2}],\"mixedElements\":[],\"electronegat" +
  "ivityOk\":true,\"residual\":0,\"text\":\"Li+1 Ti+4 O-2\"}],\"notes\":[]},\"durationMs\":1,\"queryId\":\"\",\"at\":\"20" +
  "26-01-01T00:00:00.000Z\"}{\"invocationId\":\"\",\"tool\":\"known_materials\",\"input\":{\"formula\":\"Li4Ti5O12\"}," +
  "\"output\":{\"mode\":\"lookup\",\"formula\":\"Li4Ti5O12\",\"matches\":[{\"id\":\"Li4Ti5O12-spinel\",\"formula\":\"Li4Ti" +
  "5O12\",\"name\":\"lithium titanate (LTO)\",\"structureType\":\"spinel\",\"spaceGroup\":\"Fd-3m\",\"applications\":[" +
  "\"battery-anode\"],\"sources\":[\"T. Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995)," +
  " doi:10.1149/1.2048592\"],\"properties\":{\"averageVoltage\":{\"value\":1.55,\"unit\":\"V vs Li/Li+\",\"source\":" +
  "\"T. Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1149/1.2048592\",\"con" +
  "ditions\":\"zero-strain two-phase reaction\"},\"theoreticalCapacity\":{\"value\":175,\"unit\":\"mAh/g\",\"condit" +
  "ions\":\"Li4Ti5O12 + 3 Li → Li7Ti5O12\",\"source\":\"calculated: n·F/(3.6·M), n = 3 e− per formula unit, M" +
  " = 459.09 g/mol\"}},\"match\":\"exact\"}],\"total\":1},\"durationMs\":0,\"queryId\":\"\",\"at\":\"2026-01-01T00:00:0" +
  "0.000Z\"}{\"tool\":\"composition\",\"state\":{\"lastFormula\":\"Li4Ti5O12\",\"history\":[\"Li4Ti5O12\"]},\"at\":\"2026" +
  "-01-01T00:00:00.000Z\"}{\"tool\":\"oxidation_states\",\"state\":{\"lastFormula\":\"Li4Ti5O12\",\"plausible\":true" +
  ",\"assignment\":\"Li+1 Ti+4 O-2\"},\"at\":\"2026-01-01T00:00:00.000Z\"}{\"tool\":\"known_materials\",\"state\":{\"l" +
  "astFormula\":\"Li4Ti5O12\",\"lastIds\":[\"Li4Ti5O12-spinel\"]},\"at\":\"2026-01-01T00:00:00.000Z\"}{\"formula\":\"" +
  "Li4Ti5O12\",\"name\":\"lithium titanate (LTO)\",\"properties\":{\"molarMass\":{\"value\":459.0918,\"unit\":\"g/mol" +
  "\",\"source\":\"computed: IUPAC standard atomic weights (composition tool)\"},\"massFractions\":{\"value\":{\"" +
  "Li\":0.060476,\"Ti\":0.521323,\"O\":0.418201},\"source\":\"computed: IUPAC standard atomic weights (composit" +
  "ion tool)\"},\"knownMaterialId\":\"Li4Ti5O12-spinel\",\"structureType\":{\"value\":\"spinel\",\"source\":\"T. Ohzu" +
  "ku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1149/1.2048592\"},\"spaceGroup" +
  "\":{\"value\":\"Fd-3m\",\"source\":\"T. Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995)," +
  " doi:10.1149/1.2048592\"},\"applications\":[\"battery-anode\"],\"averageVoltage\":{\"value\":1.55,\"unit\":\"V v" +
  "s Li/Li+\",\"source\":\"T. Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1" +
  "149/1.2048592\",\"conditions\":\"zero-strain two-phase reaction\"},\"theoreticalCapacity\":{\"value\":175,\"un" +
  "it\":\"mAh/g\",\"conditions\":\"Li4Ti5O12 + 3 Li → Li7Ti5O12\",\"source\":\"calculated: n·F/(3.6·M), n = 3 e− " +
  "per formula unit, M = 459.09 g/mol\"},\"chargeBalanced\":{\"value\":true,\"source\":\"computed: charge balan" +
  "ce over common oxidation states (oxidation_states tool)\"},\"oxidationStates\":{\"value\":{\"Li\":1,\"Ti\":4," +
  "\"O\":-2},\"source\":\"computed: charge balance over common oxidation states (oxidation_states tool)\"}},\"" +
  "source\":\"T. Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1149/1.20485" +
  "92\",\"invocationId\":\"\",\"queryId\":\"\",\"at\":\"2026-01-01T00:00:00.000Z\"}{\"queryId\":\"\",\"text\":\"Li4Ti5O12, " +
  "lithium titanate (LTO): spinel structure, space group Fd-3m; molar mass 459.09 g/mol; charge-balance" +
  "d as Li+ Ti4+ O2-.\\n\\nComputed by the built-in tools:\\n- Molar mass: 459.09 g/mol (IUPAC standard at" +
  "omic weights)\\n- Composition: Li 4, Ti 5, O 12 (21 atoms per formula unit); mass fractions Li 6.05 %" +
  ", Ti 52.13 %, O 41.82 %\\n- Oxidation states: Li+ Ti4+ O2-: charge-balanced, and the more electronega" +
  "tive elements carry the negative charge (plausible)\\n\\nFrom the curated table (entry Li4Ti5O12-spine" +
  "l):\\n- Structure: spinel, space group Fd-3m; applications: battery anode; source: T. Ohzuku, A. Ueda" +
  ", N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1149/1.2048592\\n- Average voltage: 1.55" +
  " V vs Li/Li+ (zero-strain two-phase reaction); source: T. Ohzuku, A. Ueda, N. Yamamoto, J. Electroch" +
  "em. Soc. 142, 1431 (1995), doi:10.1149/1.2048592\\n- Theoretical capacity: 175 mAh/g (Li4Ti5O12 + 3 L" +
  "i → Li7Ti5O12); source: calculated: n·F/(3.6·M), n = 3 e− per formula unit, M = 459.09 g/mol\\n\\nOffl" +
  "ine analysis: no language model was used. Values were computed by the built-in tools (composition, o" +
  "xidation_states, known_materials, similar_materials) or taken from the curated table with the source" +
  "s given.\",\"analysis\":{\"intent\":\"overview\",\"subjects\":[\"Li4Ti5O12\"],\"subjectFrom\":\"question\",\"facts\":" +
  "{\"Li4Ti5O12\":{\"formula\":\"Li4Ti5O12\",\"reducedFormula\":\"Li4Ti5O12\",\"molarMass\":459.0918,\"massFractions" +
  "\":{\"Li\":0.060476,\"Ti\":0.521323,\"O\":0.418201},\"oxidationStates\":\"Li+ Ti4+ O2-\",\"chargeBalanced\":true," +
  "\"plausible\":true,\"inCuratedTable\":true,\"knownMaterialId\":\"Li4Ti5O12-spinel\",\"structureType\":\"spinel\"" +
  ",\"spaceGroup\":\"Fd-3m\",\"properties\":{\"averageVoltage\":{\"value\":1.55,\"unit\":\"V vs Li/Li+\",\"source\":\"T." +
  " Ohzuku, A. Ueda, N. Yamamoto, J. Electrochem. Soc. 142, 1431 (1995), doi:10.1149/1.2048592\",\"condit" +
  "ions\":\"zero-strain two-phase reaction\"},\"theoreticalCapacity\":{\"value\":175,\"unit\":\"mAh/g\",\"condition" +
  "s\":\"Li4Ti5O12 + 3 Li → Li7Ti5O12\",\"source\":\"calculated: n·F/(3.6·M), n = 3 e− per formula unit, M = " +
  "459.09 g/mol\"}},\"toolInvocationIndexes\":[0,1,2]}},\"sources\":[\"T. Ohzuku, A. Ueda, N. Yamamoto, J. El" +
  "ectrochem. Soc. 142, 1431 (1995), doi:10.1149/1.2048592\",\"calculated: n·F/(3.6·M), n = 3 e− per form" +
  "ula unit, M = 459.09 g/mol\"]},\"model\":\"offline-rules-1\",\"usage\":{\"promptTokens\":0,\"completionTokens\"" +
  ":0,\"totalTokens\":0},\"latencyMs\":97,\"offline\":true,\"at\":\"2026-01-01T00:00:00.000Z\"}{\"key\":\"note\",\"val" +
  "ue\":{\"text\":\"an observation\"},\"kind\":\"custom\",\"at\":\"2026-01-01T00:00:00.000Z\"}{\"actor\":{\"userId\":\"ow" +
  "ner\",\"via\":\"api\"},\"occurredAt\":\"2026-01-01T00:00:00.000Z\",\"correlationId\":\"\",\"causationId\":\"\",\"schem" +
  "aVersion\":1,\"prevHash\":\"\",\"hash\":\"\"}",
  'utf8',
);
