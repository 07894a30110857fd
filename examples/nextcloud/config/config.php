<?php
$CONFIG = array (
  'version' => '30.0.2.2',
  'mail_smtpmode' => 'smtp',
  'mail_smtphost' => 'mail.example.com',
  // Broken: "SSL/TLS" (implicit TLS) on the submission port: "wrong version number".
  'mail_smtpport' => 587,
  'mail_smtpsecure' => 'ssl',
  'mail_smtpauth' => true,
);
