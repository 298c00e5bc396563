export { EmulatorScenarios, isEmulatorScenario } from './scenarios';
export type { EmulatorScenario } from './scenarios';
export type { EmulatedDocumentType, EmulatedIdentity, EmulatedLocalizedValue } from './identities';
