# a Content-Length smaller than the body: the body is cut, then the reader finds the next message
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
