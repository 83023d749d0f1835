-- wrk script: each request asks for a random block from cids.txt as a trustless raw block.
-- CIDS (environment) names the list; the path is the same for every server under test.
local cids = {}
for line in io.lines(os.getenv("CIDS")) do cids[#cids + 1] = line end
math.randomseed(42)
request = function()
  local cid = cids[math.random(#cids)]
  return wrk.format("GET", "/ipfs/" .. cid .. "?format=raw", { ["Accept"] = "application/vnd.ipld.raw" })
end
