<?php
// WP Mail SMTP's constants: handed to PHPMailer (WPMS_SSL = SMTPSecure).
define( 'WPMS_ON', true );
define( 'WPMS_MAILER', 'smtp' );
define( 'WPMS_SMTP_HOST', 'smtp.example.com' );
// Broken: 'ssl' (TLS at once) on the submission port.
define( 'WPMS_SMTP_PORT', 587 );
define( 'WPMS_SSL', 'ssl' );
define( 'WPMS_SMTP_AUTH', true );
