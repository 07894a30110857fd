//! The facts a probe gathers. Plain data: sent over LSP, printed by the CLI, turned into a verdict by diagnose().

export type StepName = 'parse' | 'resolve' | 'connect' | 'tls' | 'greeting' | 'starttls' | 'udp' | 'unix';

export interface ProbeStep {
	step: StepName;
	ok: boolean;
	ms: number;
	detail: string;
	/** Node's error code, when the step failed with one (ECONNREFUSED, ETIMEDOUT, ENOENT...). */
	code?: string;
}

export interface TlsFacts {
	protocol?: string;
	cipher?: string;
	subject?: string;
	issuer?: string;
	altNames?: string[];
	validFrom?: string;
	validTo?: string;
	daysLeft?: number;
	/** The chain verifies against the trusted CAs. */
	chainVerified: boolean;
	chainError?: string;
	/** The certificate names the host we connected to. */
	hostnameMatches: boolean;
	hostnameError?: string;
}

export type StarttlsProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp';

export interface ProbeReport {
	/** The target as tested, credentials redacted. */
	target: string;
	transport?: string;
	host?: string;
	port?: number;
	path?: string;
	addresses: string[];
	steps: ProbeStep[];
	tls?: TlsFacts;
	/** The first line a plaintext server sent, bounded and redacted. */
	greeting?: string;
	starttls?: StarttlsProtocol;
	cancelled?: boolean;
	/** "Test connection with PHP": what the user's PHP itself got for the same target. */
	php?: import('./php-run').PhpOutcome;
	/** For a library configuration: how the library connects (so the test reads as the application will). */
	library?: string;
	/** One line for the notification, and whether the target works as written. */
	verdict: string;
	ok: boolean;
}

export interface ProbeOptions {
	/** Per-step timeout. */
	timeoutMs: number;
	signal?: AbortSignal;
	/** Upgrade a plain connection with this protocol's STARTTLS, then report TLS facts. */
	starttls?: StarttlsProtocol | 'auto';
	/** Extra trusted CA certificates (PEM), besides the system ones. */
	ca?: string[];
	/** Bytes read from a server at most, per read. */
	maxBytes: number;
	udpPayload?: string;
	/** Called after each step, for progress. */
	onStep?: (s: ProbeStep) => void;
}

export const PROBE_DEFAULTS: ProbeOptions = { timeoutMs: 5000, maxBytes: 4096 };
