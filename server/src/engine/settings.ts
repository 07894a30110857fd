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

const LEVELS = new Set<string>(['off', 'error', 'warning', 'info', 'hint']);

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ports(v: unknown): number[] {
	return Array.isArray(v) ? v.filter((p): p is number => Number.isInteger(p) && p > 0 && p < 65536) : [];
}

function strings(v: unknown, fallback: string[]): string[] {
	return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : fallback;
}

/** Accepts anything (a client's configuration, a JSON file) and keeps only well-formed values. */
export function normalizeSettings(raw: unknown): Settings {
	if (!isRecord(raw)) return { ...DEFAULTS };
	const rules: Record<string, RuleLevel> = {};
	if (isRecord(raw.rules)) {
		for (const [id, level] of Object.entries(raw.rules)) {
			if (typeof level === 'string' && LEVELS.has(level)) rules[id] = level as RuleLevel;
		}
	}
	const size = raw.maxFileSize;
	return {
		enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULTS.enable,
		rules,
		starttlsPorts: ports(raw.starttlsPorts),
		implicitTlsPorts: ports(raw.implicitTlsPorts),
		maxFileSize: typeof size === 'number' && size > 0 ? size : DEFAULTS.maxFileSize,
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
		...(nonEmpty(raw.version) && /^\d+(\.\d+){0,2}/.test(raw.version.trim()) ? { version: raw.version.trim() } : {}),
	};
}

function probeSettings(raw: unknown): Settings['probe'] {
	if (!isRecord(raw)) return { ...DEFAULTS.probe };
	const t = raw.timeoutMs;
	return {
		timeoutMs: typeof t === 'number' && t >= 100 && t <= 60_000 ? t : DEFAULTS.probe.timeoutMs,
		...(typeof raw.caFile === 'string' && raw.caFile ? { caFile: raw.caFile } : {}),
		...(typeof raw.udpPayload === 'string' ? { udpPayload: raw.udpPayload } : {}),
	};
}
