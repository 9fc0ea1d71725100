/** The project DAG, cycle reporting, and dbt's node selection syntax. */
export { Graph, compareIds } from './graph';
export { findCycles, MAX_CYCLES_PER_COMPONENT } from './cycles';
export { cycleProblems, type RefPlace } from './cycle-problems';
export { selectNodes, type SelectionOptions, type SelectionResult, type IndirectSelection } from './select';
export { parseSelectors, parseSelectorList, METHODS, COMMAND_LINE, type Criterion, type SelectorTerm, type MethodName } from './selector-parse';
