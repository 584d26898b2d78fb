# a body of 100,000 nested arrays, closed, and one of 100,000 unclosed
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
body
100000 * "["
100000 * "]"
end
body
100000 * "["
end
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
