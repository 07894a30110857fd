<?php
// WordPress hands its PHPMailer to this hook before every wp_mail(); the settings are wp-config.php's constants.
add_action( 'phpmailer_init', 'site_smtp' );
function site_smtp( $phpmailer ) {
	$phpmailer->isSMTP();
	$phpmailer->Host       = SMTP_HOST;
	$phpmailer->Port       = SMTP_PORT;
	$phpmailer->SMTPSecure = SMTP_SECURE;
	$phpmailer->SMTPAuth   = true;
}
