//! The usual port of a service named in a host ("smtp.example.com", "redis"), for the add-port fixes. A guess is
//! never a preferred fix: fix-all must not invent a port.
import { editSpan, type Target } from './target';
import type { Fix } from './types';

const SERVICES: [RegExp, number, number][] = [
	[/^(smtp|mail|mx|submission)\d*$/, 587, 465],
	[/^imaps?\d*$/, 143, 993],
	[/^pop3?s?\d*$/, 110, 995],
	[/^ldaps?\d*$/, 389, 636],
	[/^(redis|valkey)\d*$/, 6379, 6380],
	[/^(mysql|mariadb|db)\d*$/, 3306, 3306],
	[/^(postgres|postgresql|pg|pgsql)\d*$/, 5432, 5432],
	[/^memcached?\d*$/, 11211, 11211],
	[/^(amqp|rabbitmq|rabbit)\d*$/, 5672, 5671],
	[/^(www|web|api|http)\d*$/, 80, 443],
	[/^(php-?fpm|fpm)\d*$/, 9000, 9000],
	[/^ftp\d*$/, 21, 990],
];

/** Fixes that add a port after `at` (an index in url.raw): the guessed service port, and a placeholder to fill in. */
export function addPortFixes(t: Target, at: number, host: string, withColon: boolean): Fix[] {
	const tls = t.url.info?.tls === 'implicit';
	const fixes: Fix[] = [];
	for (const label of host.toLowerCase().split('.')) {
		const hit = SERVICES.find(([re]) => re.test(label));
		if (hit) {
			const port = tls ? hit[2] : hit[1];
			fixes.push({
				title: `Add port ${port} (the usual port of "${label}"${tls ? ' over TLS' : ''})`,
				edits: [editSpan(t, { start: at, end: at }, `${withColon ? ':' : ''}${port}`)],
			});
			break;
		}
	}
	fixes.push({
		title: 'Add a port placeholder (:PORT) to fill in',
		edits: [editSpan(t, { start: at, end: at }, `${withColon ? ':' : ''}PORT`)],
	});
	return fixes;
}
