//! What PHP 8.2 with OpenSSL 3 registers (`stream_get_transports()`), and the ports whose protocol decides TLS.
//! Registration: main/streams/streams.c php_init_stream_wrappers() and ext/openssl/openssl.c PHP_MINIT_FUNCTION(openssl).

export type Family = 'inet' | 'unix';
export type TlsMode = 'none' | 'implicit';

export interface TransportInfo {
	family: Family;
	datagram: boolean;
	tls: TlsMode;
	/** For tlsv1.x: the only version the transport negotiates. */
	version?: string;
}

export const TRANSPORTS: ReadonlyMap<string, TransportInfo> = new Map<string, TransportInfo>([
	['tcp', { family: 'inet', datagram: false, tls: 'none' }],
	['udp', { family: 'inet', datagram: true, tls: 'none' }],
	['unix', { family: 'unix', datagram: false, tls: 'none' }],
	['udg', { family: 'unix', datagram: true, tls: 'none' }],
	['ssl', { family: 'inet', datagram: false, tls: 'implicit' }],
	['tls', { family: 'inet', datagram: false, tls: 'implicit' }],
	['tlsv1.0', { family: 'inet', datagram: false, tls: 'implicit', version: 'TLS 1.0' }],
	['tlsv1.1', { family: 'inet', datagram: false, tls: 'implicit', version: 'TLS 1.1' }],
	['tlsv1.2', { family: 'inet', datagram: false, tls: 'implicit', version: 'TLS 1.2' }],
	['tlsv1.3', { family: 'inet', datagram: false, tls: 'implicit', version: 'TLS 1.3' }],
]);

/** Whether a transport name (in any case) is one of those that start TLS at once: ssl, tls, tlsv1.0 … tlsv1.3. */
export function isTlsTransport(name: string): boolean {
	return TRANSPORTS.get(name.toLowerCase())?.tls === 'implicit';
}

/** Transports that older PHP builds registered and PHP 8 with OpenSSL 3 does not. */
export const REMOVED_TRANSPORTS: ReadonlyMap<string, string> = new Map([
	['sslv2', 'removed from PHP (php-src PR #1826)'],
	['sslv3', 'not registered when OpenSSL is built without SSLv3, as OpenSSL 3 is'],
]);

/** URL schemes that are never transports; in config files and plain literals they are ordinary URLs. */
export const URL_SCHEMES: ReadonlySet<string> = new Set([
	'http',
	'https',
	'ftp',
	'ftps',
	'sftp',
	'ssh',
	'git',
	'file',
	'data',
	'php',
	'phar',
	'glob',
	'zlib',
	'compress.zlib',
	'compress.bzip2',
	'zip',
	'ogg',
	'rar',
	'expect',
	'mailto',
	'ws',
	'wss',
	'smtp',
	'smtps',
	'imap',
	'imaps',
	'pop3',
	'pop3s',
	'ldap',
	'ldaps',
	'redis',
	'rediss',
	'valkey',
	'memcached',
	'mysql',
	'mysqli',
	'mariadb',
	'pgsql',
	'postgres',
	'postgresql',
	'sqlite',
	'sqlsrv',
	'mssql',
	'oci',
	'oci8',
	'mongodb',
	'mongodb+srv',
	'amqp',
	'amqps',
	'mqtt',
	'mqtts',
	'nats',
	'kafka',
	'beanstalk',
	'sqs',
	'sync',
	'null',
	'doctrine',
	'in-memory',
	'failover',
	'roundrobin',
	'sendmail',
	'native',
	'ses',
	'ses+smtp',
	'ses+api',
	'ses+https',
	'mailgun',
	'mailgun+smtp',
	'mailgun+api',
	'mailgun+https',
	'postmark',
	'postmark+smtp',
	'postmark+api',
	'sendgrid',
	'sendgrid+smtp',
	'sendgrid+api',
	'mailjet',
	'mailchimp',
	'brevo',
	'sendinblue',
	'gmail',
	'gmail+smtp',
	'azure',
	's3',
	'gs',
	'gcs',
	'ssm',
	'vault',
	'consul',
	'etcd',
	'tor',
	'socks',
	'socks4',
	'socks5',
	'socks5h',
	'irc',
	'ircs',
	'xmpp',
	'sip',
	'sips',
	'rtmp',
	'rtsp',
	'telnet',
	'vnc',
	'rdp',
	'chrome',
	'about',
	'javascript',
	'urn',
	'tel',
	'sms',
	'geo',
	'magnet',
	'steam',
	'slack',
	'discord',
	'telegram',
	'doctrine+dbal',
	'elasticsearch',
	'es',
	'opensearch',
	'couchdb',
	'cassandra',
	'neo4j',
	'bolt',
	'influxdb',
	'grpc',
	'dns',
	'ntp',
	'snmp',
	'syslog',
	'gelf',
	'statsd',
	'docker',
	'npipe',
	'k8s',
	'vscode',
	'vscode-remote',
]);

/** Ports whose protocol starts in plaintext and upgrades with STARTTLS (or a protocol-level request). */
export const STARTTLS_PORTS: ReadonlyMap<number, string> = new Map([
	[21, 'FTP (AUTH TLS)'],
	[25, 'SMTP (STARTTLS)'],
	[110, 'POP3 (STLS)'],
	[119, 'NNTP (STARTTLS)'],
	[143, 'IMAP (STARTTLS)'],
	[389, 'LDAP (StartTLS)'],
	[587, 'SMTP submission (STARTTLS)'],
	[4190, 'ManageSieve (STARTTLS)'],
	[5222, 'XMPP client (STARTTLS)'],
	[5269, 'XMPP server (STARTTLS)'],
]);

/** Ports that expect TLS from the first byte. */
export const IMPLICIT_TLS_PORTS: ReadonlyMap<number, string> = new Map([
	[443, 'HTTPS'],
	[465, 'SMTPS (SMTP over implicit TLS)'],
	[563, 'NNTPS'],
	[636, 'LDAPS'],
	[853, 'DNS over TLS'],
	[989, 'FTPS data'],
	[990, 'FTPS (implicit TLS)'],
	[993, 'IMAPS'],
	[995, 'POP3S'],
	[5223, 'XMPP over implicit TLS'],
	[5671, 'AMQPS'],
	[8443, 'HTTPS (alternate)'],
]);

/** The implicit-TLS port of the same service as a STARTTLS port. */
export const IMPLICIT_TLS_TWIN: ReadonlyMap<number, number> = new Map([
	[25, 465],
	[587, 465],
	[143, 993],
	[110, 995],
	[389, 636],
	[21, 990],
	[119, 563],
	[5222, 5223],
]);

/** The STARTTLS / plain port of the same service as an implicit-TLS port. */
export const PLAIN_TWIN: ReadonlyMap<number, number> = new Map([
	[465, 587],
	[993, 143],
	[995, 110],
	[636, 389],
	[990, 21],
	[563, 119],
	[5223, 5222],
	[443, 80],
	[8443, 8080],
	[5671, 5672],
]);

export const SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
	...STARTTLS_PORTS,
	...IMPLICIT_TLS_PORTS,
	[22, 'SSH'],
	[53, 'DNS'],
	[80, 'HTTP'],
	[123, 'NTP'],
	[161, 'SNMP'],
	[514, 'syslog'],
	[1883, 'MQTT'],
	[3306, 'MySQL'],
	[5432, 'PostgreSQL'],
	[5672, 'AMQP'],
	[6379, 'Redis'],
	[8080, 'HTTP (alternate)'],
	[9000, 'PHP-FPM'],
	[9200, 'Elasticsearch'],
	[11211, 'memcached'],
	[27017, 'MongoDB'],
]);

/** PHP's message for a transport name it does not know (main/streams/transports.c); the name is cut to 31 bytes. */
export function unknownTransportMessage(name: string): string {
	return `Unable to find the socket transport "${name.slice(0, 31)}" - did you forget to enable it when you configured PHP?`;
}
