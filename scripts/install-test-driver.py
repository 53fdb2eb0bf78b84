#!/usr/bin/env python3
"""Drives the installed app through tauri-driver (WebDriver) for scripts/test-linux-install.sh.

Python standard library only. The app's own commands are called from its page with
window.__TAURI__.core.invoke, so the data is made by the app itself, as a partner's would be:

  install-test-driver.py APP_BINARY create    connects to Autotask (the simulator named by
                                              ZORUS_AUTOTASK_ZONE_URL; the credentials go to the
                                              Secret Service) and adds a customer
  install-test-driver.py APP_BINARY check VERSION
                                              checks the app reports VERSION, still has the
                                              customer and the connection, and can call Autotask
                                              with the saved credentials

tauri-driver must be listening at $WEBDRIVER_URL (default http://127.0.0.1:4444). Exits 1 when a
check fails, 3 when the WebDriver connection drops.
"""

import http.client
import json
import os
import sys
import time
import urllib.error
import urllib.request

BASE = os.environ.get("WEBDRIVER_URL", "http://127.0.0.1:4444")
CUSTOMER = "Upgrade Test Customer"
USERNAME = "demo-api@zorus-demo.example"


class Dropped(Exception):
    pass


def request(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        BASE + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=90) as resp:
            return json.load(resp)["value"]
    except urllib.error.HTTPError as e:
        raise SystemExit(f"WebDriver {method} {path}: {e.code} {e.read().decode(errors='replace')}")
    except (urllib.error.URLError, ConnectionError, http.client.HTTPException) as e:
        # tauri-driver now and then loses its connection to WebKitWebDriver (the app still runs).
        raise Dropped(f"WebDriver {method} {path}: the connection dropped ({e!r})") from e


class App:
    def __init__(self, binary):
        caps = {"browserName": "wry", "tauri:options": {"application": binary}}
        value = request("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.sid = value["sessionId"]
        request("POST", f"/session/{self.sid}/timeouts", {"script": 60000})
        deadline = time.time() + 30
        while not self.sync("return !!(window.__TAURI__ && window.__TAURI__.core)"):
            if time.time() > deadline:
                raise SystemExit("the page never exposed window.__TAURI__")
            time.sleep(0.3)

    def sync(self, script, *args):
        return request("POST", f"/session/{self.sid}/execute/sync", {"script": script, "args": list(args)})

    def invoke(self, cmd, args=None):
        script = (
            "const [cmd, args, done] = arguments;"
            "window.__TAURI__.core.invoke(cmd, args).then(v => done({ok: v === undefined ? null : v}),"
            " e => done({err: e}));"
        )
        out = request(
            "POST", f"/session/{self.sid}/execute/async", {"script": script, "args": [cmd, args or {}]}
        )
        if "err" in out:
            raise SystemExit(f"{cmd} failed: {json.dumps(out['err'])}")
        return out["ok"]

    def version(self):
        script = (
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI__.app.getVersion().then(v => done(v), e => done('error: ' + e));"
        )
        return request("POST", f"/session/{self.sid}/execute/async", {"script": script, "args": []})

    def close(self):
        try:
            request("DELETE", f"/session/{self.sid}")
        except Dropped:
            pass  # the window closes and the app quits with the session; the answer may be lost


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        raise SystemExit(1)


def create(app):
    conn = app.invoke(
        "connect_autotask",
        {"username": USERNAME, "secret": "demo-secret", "integrationCode": "ZORUSDEMO0000000000000000000"},
    )
    print("connected:", json.dumps(conn), flush=True)
    if CUSTOMER in json.dumps(app.invoke("customers_list")):
        print("customer already added (by an attempt whose WebDriver connection dropped)", flush=True)
    else:
        added = app.invoke("customer_add", {"input": {"name": CUSTOMER, "endpoints": "7", "associate": None}})
        print("customer added:", json.dumps(added), flush=True)
    status = app.invoke("app_status")
    print("app_status:", json.dumps(status), flush=True)
    expect(status.get("customers", 0) >= 1, "the new customer is counted")
    expect((status.get("connection") or {}).get("username") == USERNAME, "the connection is saved")


def check(app, version):
    got = app.version()
    expect(got == version, f"the app reports version {version} (got {got})")
    status = app.invoke("app_status")
    print("app_status:", json.dumps(status), flush=True)
    page = app.invoke("customers_list")
    expect(CUSTOMER in json.dumps(page), f"the customer {CUSTOMER!r} is still in the database")
    expect((status.get("connection") or {}).get("username") == USERNAME, "the Autotask connection is still saved")
    report = app.invoke("companies_refresh", {"full": True})
    print("companies_refresh:", json.dumps(report)[:300], flush=True)
    expect(True, "Autotask answered a call made with the credentials saved before the upgrade")


def main():
    binary, action = sys.argv[1], sys.argv[2]
    try:
        app = App(binary)
        try:
            if action == "create":
                create(app)
            elif action == "check":
                check(app, sys.argv[3])
            else:
                raise SystemExit(f"unknown action {action}")
        finally:
            app.close()
    except Dropped as e:
        print(e, flush=True)
        sys.exit(3)  # the caller may try once more


if __name__ == "__main__":
    main()
