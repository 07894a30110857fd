//! Credentials never leave the probe: user info and secret-looking query values are masked in everything it prints.

const SECRET_KEYS = /^(pass(word)?|pwd|secret|token|api[_-]?key|auth|key|access[_-]?token|client[_-]?secret)$/i;

export function redact(text: string): string {
	return text
		.replace(/(:\/\/|^)([^/@\s:[\]]*:[^/@\s]*|[^/@\s:[\]]+)@/g, (_m, pre: string) => `${pre}***@`)
		.replace(/([?&;])([^=&;#\s]+)=([^&;#\s]*)/g, (m, sep: string, key: string) =>
			SECRET_KEYS.test(key) ? `${sep}${key}=***` : m,
		);
}
