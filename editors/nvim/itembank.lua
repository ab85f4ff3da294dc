-- itembank language server for Neovim (0.7 and later): attaches `itembank lsp` to the XML files of
-- a bank (a folder with bank.xml above them).
--   :luafile editors/nvim/itembank.lua   or   require("itembank") from your config
-- The command is `itembank` on PATH, or $ITEMBANK_BIN.
local M = {}

local function bank_root(path)
  local folder = vim.fn.fnamemodify(path, ":p:h")
  while folder ~= "/" and folder ~= "" do
    if vim.fn.filereadable(folder .. "/bank.xml") == 1 then
      return folder
    end
    folder = vim.fn.fnamemodify(folder, ":h")
  end
  return nil
end

local clients = {}

function M.attach(buffer)
  local root = bank_root(vim.api.nvim_buf_get_name(buffer))
  if root == nil then
    return nil
  end
  if clients[root] == nil then
    clients[root] = vim.lsp.start_client({
      name = "itembank",
      cmd = { os.getenv("ITEMBANK_BIN") or "itembank", "lsp" },
      root_dir = root,
    })
  end
  vim.lsp.buf_attach_client(buffer, clients[root])
  return clients[root]
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "xml",
  callback = function(event)
    M.attach(event.buf)
  end,
})

return M
