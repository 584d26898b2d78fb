# valid JSON that is not an object: -32600 with a null id
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
body
"[1,2,3]"
end
body
"\"initialize\""
end
body
"42"
end
body
"null"
end
body
"[]"
end
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
