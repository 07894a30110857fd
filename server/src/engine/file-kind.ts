//! Which scanner a file needs, from its path or its editor language id.
import type { FileKind } from './types';

const BY_LANGUAGE: Record<string, FileKind> = {
	php: 'php',
	dotenv: 'env',
	env: 'env',
	properties: 'env',
	ini: 'ini',
	yaml: 'yaml',
	json: 'json',
	jsonc: 'json',
	xml: 'xml',
	neon: 'neon',
	toml: 'toml',
};

const BY_EXTENSION: Record<string, FileKind> = {
	php: 'php',
	phtml: 'php',
	inc: 'php',
	env: 'env',
	ini: 'ini',
	yaml: 'yaml',
	yml: 'yaml',
	json: 'json',
	xml: 'xml',
	neon: 'neon',
	toml: 'toml',
	conf: 'conf',
	cnf: 'conf',
};

/** `.env`, `.env.local`, `prod.env`, `phpunit.xml.dist`, `config.neon.dist`... */
export function fileKindFromPath(path: string): FileKind | undefined {
	const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
	if (base === '.env' || base.startsWith('.env.')) return 'env';
	const name = base.endsWith('.dist') ? base.slice(0, -5) : base;
	const dot = name.lastIndexOf('.');
	return dot < 0 ? undefined : BY_EXTENSION[name.slice(dot + 1)];
}

export function fileKind(path: string, languageId?: string): FileKind | undefined {
	return fileKindFromPath(path) ?? (languageId ? BY_LANGUAGE[languageId] : undefined);
}
