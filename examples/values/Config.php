<?php
// Values defined here reach socket calls in relay.php: Transport Lint follows them across files.
namespace App;

final class Config
{
    /** ssl:// on 25: implicit TLS to a port that greets in plaintext. */
    public const RELAY = 'ssl://mx.example.org:25';
}

define('MEMCACHE_SOCK', 'unix:///run/memcached.sock');
