# a Content-Length of twenty digits, and one over the 256 MB limit, then a normal session
"Content-Length: 99999999999999999999\r\n\r\n{}"
"Content-Length: 300000000\r\n\r\n{}"
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
