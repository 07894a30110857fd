//! The engine's public surface, imported by the language server, the CLI and the tests.
export { analyze, scan, scanClients, type AnalyzeResult } from './analyze';
export { DocumentAnalysis } from './document';
export { effectiveMode, probeTarget, type ClientConfig, type Library, type TlsMode } from './clients/model';
export { applyEdits, applyFixes, diffEdit, diffSpan, fixAll, type AppliedFixes } from './fixes';
export { describe } from './describe';
export { suppressionEdit } from './suppress';
export { fileKind, fileKindFromPath } from './file-kind';
export { predict, whatPhpDoes, type Outcome, type OutcomeKind } from './outcome';
export { parseTransportUrl, type TransportUrl } from './parse';
export { RULES, RULES_BY_ID, type Rule, type RuleMeta } from './rules/index';
export { DEFAULTS, normalizeSettings, type RuleLevel, type Settings } from './settings';
export { majorVersion, makeTarget, type ProjectFacts, type Target } from './target';
export * from './types';
export { lineIndex, lineStarts, type Position } from './lines';
export { lowestAllowed, majorMinor, olderThan, versionParts, type PhpEnvironment } from './php-env';
export { lexAllIncremental, lexPhp, lexPhpIncremental, type Lexed, type TextEdit } from './scan/php-lexer';
export { callsOf, declaredNames, WorkspaceSymbols, type FileSymbols } from './values/workspace';
export type { SymbolLookup } from './values/symbols';
