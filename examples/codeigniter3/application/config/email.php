<?php
// CodeIgniter 3: smtp_crypto 'ssl' opens ssl:// at once, 'tls' sends STARTTLS; compared exactly.
// Broken: implicit TLS to the submission port ("wrong version number").
$config['protocol'] = 'smtp';
$config['smtp_host'] = 'smtp.example.com';
$config['smtp_port'] = 587;
$config['smtp_crypto'] = 'ssl';
$config['smtp_user'] = 'mailer@example.com';
