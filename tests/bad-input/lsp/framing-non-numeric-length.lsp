# Content-Length: abc and Content-Length: 12abc, then a normal session
"Content-Length: abc\r\n\r\n{}"
"Content-Length: 2abc\r\n\r\n{}"
"Content-Length:\r\n\r\n{}"
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
