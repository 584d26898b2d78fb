-- Neovim set-up for term files: starts `terms lsp` for every buffer of
-- filetype `terms` and attaches it, one server per root directory.
--
--   require('terms').setup()                        -- `terms` on PATH
--   require('terms').setup({ cmd = { '/opt/terms/bin/terms', 'lsp' } })
--
-- Works with Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client)
-- and later versions (which also have vim.lsp.start).
local M = {}

local clients = {}  -- root directory -> client id

-- The directory holding terms.json or .git above `path`, else the file's directory.
local function root_for(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local probe = dir
  while probe and probe ~= '' do
    if vim.fn.filereadable(probe .. '/terms.json') == 1 or vim.fn.isdirectory(probe .. '/.git') == 1 then
      return probe
    end
    local parent = vim.fn.fnamemodify(probe, ':h')
    if parent == probe then break end
    probe = parent
  end
  return dir
end

function M.attach(bufnr, opts)
  opts = opts or {}
  local path = vim.api.nvim_buf_get_name(bufnr)
  local root = root_for(path ~= '' and path or vim.fn.getcwd())
  local id = clients[root]
  if not id or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = 'terms',
      cmd = opts.cmd or { 'terms', 'lsp' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      on_attach = opts.on_attach,
      capabilities = opts.capabilities,
    })
    clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

function M.setup(opts)
  opts = opts or {}
  vim.cmd([[
    augroup terms_filetype
      autocmd!
      autocmd BufRead,BufNewFile *.terms setfiletype terms
    augroup END
  ]])
  local group = vim.api.nvim_create_augroup('terms_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'terms',
    callback = function(args) M.attach(args.buf, opts) end,
  })
end

return M
