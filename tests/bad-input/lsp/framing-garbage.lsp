# bytes that are no header at all, between messages, and a 1 MB header line
"hello\r\n\r\n"
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
"\u0000\u0001\u0002 not a header\r\n\r\n"
1048576 * "x"
"\r\n\r\n"
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
