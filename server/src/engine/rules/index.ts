//! The registry: the one list of every rule.
import { bracketSyntax } from './bracket-syntax';
import { cakephpSmtpTls } from './cakephp-smtp-tls';
import { codeigniterSmtpCrypto } from './codeigniter-smtp-crypto';
import { imapEncryption } from './imap-encryption';
import { mailPortProtocol } from './mail-port-protocol';
import { nextcloudMailSmtpsecure } from './nextcloud-mail-smtpsecure';
import { phpMailIni } from './php-mail-ini';
import { roundcubeHostPrefix } from './roundcube-host-prefix';
import { fsockopenPort } from './fsockopen-port';
import { insecureSslContext } from './insecure-ssl-context';
import { invalidHost } from './invalid-host';
import { laravelMailEncryption } from './laravel-mail-encryption';
import { phpmailerEncryption } from './phpmailer-encryption';
import { redisSocketPath } from './redis-socket-path';
import { redisTlsPort } from './redis-tls-port';
import { swiftmailerEncryption } from './swiftmailer-encryption';
import { symfonyMailerDsn } from './symfony-mailer-dsn';
import { ipv6Brackets } from './ipv6-brackets';
import { malformedScheme } from './malformed-scheme';
import { missingPort } from './missing-port';
import { outdatedTls } from './outdated-tls';
import { phpVersionCompat } from './php-version-compat';
import { transportUnavailable } from './transport-unavailable';
import { portTrailingJunk } from './port-trailing-junk';
import { portValue } from './port-value';
import type { Rule } from './rule';
import { serverWildcardHost } from './server-wildcard-host';
import { tlsIpv6PeerName } from './tls-ipv6-peer-name';
import { tlsPortMismatch } from './tls-port-mismatch';
import { udpServerFlags } from './udp-server-flags';
import { unixPathSuffix } from './unix-path-suffix';
import { unixPathTooLong } from './unix-path-too-long';
import { unixRelativePath } from './unix-relative-path';
import { unknownTransport } from './unknown-transport';
import { weakCryptoMethod } from './weak-crypto-method';

export type { Rule, RuleMeta, RuleFinding } from './rule';

export const RULES: readonly Rule[] = [
	unknownTransport,
	transportUnavailable,
	malformedScheme,
	ipv6Brackets,
	bracketSyntax,
	missingPort,
	invalidHost,
	portValue,
	portTrailingJunk,
	fsockopenPort,
	serverWildcardHost,
	outdatedTls,
	phpVersionCompat,
	weakCryptoMethod,
	tlsIpv6PeerName,
	tlsPortMismatch,
	unixRelativePath,
	unixPathTooLong,
	unixPathSuffix,
	udpServerFlags,
	phpmailerEncryption,
	symfonyMailerDsn,
	laravelMailEncryption,
	swiftmailerEncryption,
	redisTlsPort,
	redisSocketPath,
	codeigniterSmtpCrypto,
	cakephpSmtpTls,
	roundcubeHostPrefix,
	nextcloudMailSmtpsecure,
	imapEncryption,
	mailPortProtocol,
	phpMailIni,
	insecureSslContext,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
