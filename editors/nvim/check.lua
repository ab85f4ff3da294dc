-- Headless check (run by editors/nvim/check.sh): opens the file given with -- FILE, waits for the
-- itembank diagnostics, prints one line per diagnostic ("code line:column severity: message",
-- 1-based line, 0-based byte column as Neovim stores it) and quits (status 1 when none arrived in 30 s).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)")
local itembank = dofile(here .. "itembank.lua")
local path = vim.v.argv[#vim.v.argv]
vim.cmd("edit " .. vim.fn.fnameescape(path))
vim.bo.filetype = "xml"
local buffer = vim.api.nvim_get_current_buf()
if itembank.attach(buffer) == nil then
  io.stdout:write("no bank.xml above " .. path .. "\n")
  vim.cmd("cquit 1")
end
local received = vim.wait(30000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
if not received then
  io.stdout:write("no diagnostics received\n")
  vim.cmd("cquit 1")
end
local names = { "error", "warning", "info", "hint" }
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local message = d.message:gsub("\n.*", "")
  io.stdout:write(string.format("%s %d:%d %s: %s\n", d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?", d.lnum + 1, d.col, names[d.severity], message))
end
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd("qall!")
