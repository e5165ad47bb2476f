-- wrk: every request POSTs one digit to /v1/predict (the body run.sh wrote to body.json).
local file = assert(io.open(os.getenv("HEBB_BODY") or "body.json", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
