//! Settings shared by the server (pulled per resource) and the CLI (`.transportlintrc.json`), normalised once.
import type { Severity } from './types';

export type RuleLevel = Severity | 'off';

export interface Settings {
	enable: boolean;
	rules: Record<string, RuleLevel>;
	/** Extra ports treated as STARTTLS / implicit-TLS ports by tls-port-mismatch. */
	starttlsPorts: number[];
	implicitTlsPorts: number[];
	/** Files larger than this (bytes) are skipped with one information message. */
	maxFileSize: number;
	/** Globs of files to lint (workspace scan and CLI) and globs to leave out. */
	include: string[];
	exclude: string[];
	/** "Test connection" code lenses above transport URLs. */
	codeLens: boolean;
	probe: { timeoutMs: number; caFile?: string; udpPayload?: string };
	/** The PHP in use: a binary to ask (trusted workspaces only) and/or the version the code runs on. */
	php: { executablePath?: string; version?: string };
}

export const DEFAULT_INCLUDE = [
	'**/*.php',
	'**/*.phtml',
	'**/*.inc',
	'**/.env',
	'**/.env.*',
	'**/*.env',
	'**/*.ini',
	'**/*.{yaml,yml}',
	'**/*.json',
	'**/*.xml',
	'**/*.xml.dist',
	'**/*.neon',
	'**/*.neon.dist',
	'**/*.toml',
	'**/*.{conf,cnf}',
];

export const DEFAULT_EXCLUDE = [
	'**/node_modules/**',
	'**/vendor/**',
	'**/.git/**',
	'**/package-lock.json',
	'**/composer.lock',
];

export const DEFAULTS: Settings = {
	enable: true,
	rules: {},
	starttlsPorts: [],
	implicitTlsPorts: [],
	maxFileSize: 5 * 1024 * 1024,
	include: DEFAULT_INCLUDE,
	exclude: DEFAULT_EXCLUDE,
	codeLens: true,
	probe: { timeoutMs: 5000 },
	php: {},
};

/** The severities a rule can be set to, mildest first. */
export const LEVEL_NAMES: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];
const LEVELS = new Set<string>(LEVEL_NAMES);

// What a well-formed value is, for normalizeSettings (which keeps only those) and settingsProblems (which says what
// it did not keep).
export function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export const isLevel = (v: unknown): v is RuleLevel => typeof v === 'string' && LEVELS.has(v);
export const isPort = (p: unknown): p is number => Number.isInteger(p) && (p as number) > 0 && (p as number) < 65536;
export const isFileSize = (v: unknown): v is number => typeof v === 'number' && v > 0;
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
export const isTimeout = (v: unknown): v is number => typeof v === 'number' && v >= 100 && v <= 60_000;
export const isPhpVersion = (v: string): boolean => /^\d+(\.\d+){0,2}/.test(v.trim());

function ports(v: unknown): number[] {
	return Array.isArray(v) ? v.filter(isPort) : [];
}

function strings(v: unknown, fallback: string[]): string[] {
	return isStringList(v) ? v : fallback;
}

/** Accepts anything (a client's configuration, a JSON file) and keeps only well-formed values. */
export function normalizeSettings(raw: unknown): Settings {
	if (!isRecord(raw)) return { ...DEFAULTS };
	const rules: Record<string, RuleLevel> = {};
	if (isRecord(raw.rules)) {
		for (const [id, level] of Object.entries(raw.rules)) {
			if (isLevel(level)) rules[id] = level;
		}
	}
	const size = raw.maxFileSize;
	return {
		enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULTS.enable,
		rules,
		starttlsPorts: ports(raw.starttlsPorts),
		implicitTlsPorts: ports(raw.implicitTlsPorts),
		maxFileSize: isFileSize(size) ? size : DEFAULTS.maxFileSize,
		include: strings(raw.include, DEFAULT_INCLUDE),
		exclude: strings(raw.exclude, DEFAULT_EXCLUDE),
		codeLens:
			isRecord(raw.codeLens) && typeof raw.codeLens.enable === 'boolean' ? raw.codeLens.enable : DEFAULTS.codeLens,
		probe: probeSettings(raw.probe),
		php: phpSettings(raw.php),
	};
}

function phpSettings(raw: unknown): Settings['php'] {
	if (!isRecord(raw)) return {};
	const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
	return {
		...(nonEmpty(raw.executablePath) ? { executablePath: raw.executablePath.trim() } : {}),
		...(nonEmpty(raw.version) && isPhpVersion(raw.version) ? { version: raw.version.trim() } : {}),
	};
}

function probeSettings(raw: unknown): Settings['probe'] {
	if (!isRecord(raw)) return { ...DEFAULTS.probe };
	const t = raw.timeoutMs;
	return {
		timeoutMs: isTimeout(t) ? t : DEFAULTS.probe.timeoutMs,
		...(typeof raw.caFile === 'string' && raw.caFile ? { caFile: raw.caFile } : {}),
		...(typeof raw.udpPayload === 'string' ? { udpPayload: raw.udpPayload } : {}),
	};
}
