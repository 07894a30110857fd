<?php
// Roundcube: ssl:// is implicit TLS, tls:// is STARTTLS (not PHP's tls:// transport).
$config = [];
// Correct: STARTTLS on 143.
$config['imap_host'] = 'tls://mail.example.com:143';
// Broken: implicit TLS to the submission port.
$config['smtp_host'] = 'ssl://mail.example.com:587';
$config['smtp_user'] = '%u';
$config['smtp_pass'] = '%p';
