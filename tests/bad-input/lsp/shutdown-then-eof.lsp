# the end of input after shutdown but without exit: status 1, as LSP 3.17 gives 0
# only for an `exit` that follows `shutdown` (the end of input is not an `exit`)
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","id":2,"method":"shutdown"}
