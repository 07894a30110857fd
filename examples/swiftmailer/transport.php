<?php
// SwiftMailer: 'ssl' opens ssl:// at once, 'tls' sends STARTTLS first.

// Broken: 'ssl' on the submission port (this exact line was once in SwiftMailer's manual).
$transport = (new Swift_SmtpTransport('smtp.example.org', 587, 'ssl'))
    ->setUsername('your username')
    ->setPassword('your password');

// Broken: STARTTLS on the SMTPS port: "Connection to tcp://smtp.gmail.com:465 Timed Out".
$gmail = Swift_SmtpTransport::newInstance('smtp.gmail.com', 465)
    ->setEncryption('tls');

// Correct.
$ok = new Swift_SmtpTransport('smtp.gmail.com', 465, 'ssl');
$ok2 = new Swift_SmtpTransport('smtp.gmail.com', 587, 'tls');
