<?php
// PHPMailer: SMTPSecure and Host prefixes decide TLS; the port has to agree.
use PHPMailer\PHPMailer\PHPMailer;

function notify(string $to): void
{
    // Broken: SMTPS (TLS at once) to the submission port, which greets in plaintext.
    $mail = new PHPMailer(true);
    $mail->isSMTP();
    $mail->Host = 'smtp.example.com';
    $mail->SMTPAuth = true;
    $mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;
    $mail->Port = 587;
    $mail->addAddress($to);
    $mail->send();
}

function fallback(string $to): void
{
    // Broken: the second host asks for STARTTLS on the SMTPS port.
    $mail = new PHPMailer(true);
    $mail->isSMTP();
    $mail->Host = 'tls://smtp.example.com:587;tls://backup.example.com:465';
    $mail->send();
}

function correct(string $to): void
{
    // Correct: the tls:// prefix means STARTTLS in PHPMailer.
    $mail = new PHPMailer(true);
    $mail->isSMTP();
    $mail->Host = 'tls://smtp.gmail.com:587';

    // Correct: SMTPS on 465.
    $smtps = new PHPMailer(true);
    $smtps->isSMTP();
    $smtps->Host = 'smtp.gmail.com';
    $smtps->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;
    $smtps->Port = 465;
}
