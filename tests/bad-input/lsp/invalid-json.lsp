# bodies that are not JSON: -32700 with a null id
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
body
"{oops"
end
body
"{\"jsonrpc\":\"2.0\",\"id\":2,"
end
body
"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}}"
end
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
