# a message whose body is shorter than its Content-Length, then the end of input
# (the short message is a `shutdown`, and no `exit` follows: status 1, as in shutdown-then-eof)
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"
