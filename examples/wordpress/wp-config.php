<?php
// WP Mail SMTP's constants: handed to PHPMailer (WPMS_SSL = SMTPSecure).
define( 'WPMS_ON', true );
define( 'WPMS_MAILER', 'smtp' );
define( 'WPMS_SMTP_HOST', 'smtp.example.com' );
// Broken: 'ssl' (TLS at once) on the submission port.
define( 'WPMS_SMTP_PORT', 587 );
define( 'WPMS_SSL', 'ssl' );
define( 'WPMS_SMTP_AUTH', true );

// A theme's phpmailer_init hook (wp-content/themes/site/functions.php) reads these: 'tls' is STARTTLS, and 465
// waits for TLS at once. The finding sits in the hook, where PHPMailer gets them.
define( 'SMTP_HOST', 'smtp.example.com' );
define( 'SMTP_PORT', 465 );
define( 'SMTP_SECURE', 'tls' );
