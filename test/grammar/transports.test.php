// SYNTAX TEST "source.php" "transport URLs in PHP strings"
$a = stream_socket_client('tcp://127.0.0.1:80');
//                         ^^^ keyword.other.transport.transport-url
//                            ^^^ punctuation.separator.scheme.transport-url
//                               ^^^^^^^^^ constant.other.ipv4.transport-url
//                                        ^ punctuation.separator.port.transport-url
//                                         ^^ constant.numeric.port.transport-url
$b = "tls://[fe80::1]:443";
//    ^^^ keyword.other.transport.transport-url
//          ^ punctuation.definition.ipv6.begin.transport-url
//           ^^^^^^^ constant.other.ipv6.transport-url
//                  ^ punctuation.definition.ipv6.end.transport-url
//                    ^^^ constant.numeric.port.transport-url
$c = 'ssl://smtp.example.com:465';
//          ^^^^^^^^^^^^^^^^ entity.name.type.host.transport-url
$d = 'unix:///run/php.sock';
//    ^^^^ keyword.other.transport.transport-url
//           ^^^^^^^^^^^^^ variable.other.path.transport-url
$e = 'TCP://h:1';
//    ^^^ invalid.illegal.transport.transport-url
$f = 'sslv3://h:443';
//    ^^^^^ invalid.illegal.transport.transport-url
$g = 'https://example.com';
//    ^^^^^ - keyword.other.transport.transport-url
//    ^^^^^ - invalid.illegal.transport.transport-url
// tcp://127.0.0.1:80 in a comment
// ^^^ - keyword.other.transport.transport-url
$h = <<<EOT
    tlsv1.3://h:443
//  ^^^^^^^ keyword.other.transport.transport-url
    EOT;
