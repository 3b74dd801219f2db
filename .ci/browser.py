"""Open thematic's report pages in headless Chromium and check what a reader gets.

    python3 .ci/browser.py OUTDIR PAGE.html[:LANG] ...

For each page at 1280 and 390 CSS pixels wide, through the DevTools protocol: no horizontal
overflow of the body, the computed direction (rtl for Persian), every SVG chart with a non-zero
size, no console errors or uncaught exceptions, no network request besides the page itself.
A full-page screenshot of each goes to OUTDIR (look at them). Exit 1 on any failure.
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client

WIDTHS = [1280, 390]


def chromium():
    for name in ["chromium", "chromium-browser", "google-chrome"]:
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no Chromium found")


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="thematic-chromium-")
        self.proc = subprocess.Popen(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
             # This machine's network is closed: no background connections to be refused.
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-quic",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
        page = next(t for t in targets if t["type"] == "page")
        # No Origin header: Chromium 111+ refuses DevTools connections from an origin it
        # was not told to allow (--remote-allow-origins), and a local client has none.
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method):
        while not any(e.get("method") == method for e in self.events):
            self.events.append(json.loads(self.ws.recv()))

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


CHECKS = """(() => {
  const svgs = Array.from(document.querySelectorAll('svg')).map(s => {
    const r = s.getBoundingClientRect(); return [r.width, r.height];
  });
  return JSON.stringify({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    direction: getComputedStyle(document.body).direction,
    lang: document.documentElement.lang,
    svgs: svgs,
    findings: document.querySelectorAll('article.finding').length,
    filters: document.querySelectorAll('#severity-filters input').length,
  });
})()"""


def check(browser, path, lang, width, outdir):
    failures = []
    browser.events.clear()
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
                 deviceScaleFactor=1, mobile=width < 500)
    browser.call("Page.navigate", url="file://" + os.path.abspath(path))
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.3)
    facts = json.loads(browser.call("Runtime.evaluate", expression=CHECKS,
                                    returnByValue=True)["result"]["value"])
    where = f"{os.path.basename(os.path.dirname(path))}/{os.path.basename(path)} at {width}px"
    if facts["overflow"] > 0:
        failures.append(f"{where}: the body overflows by {facts['overflow']}px horizontally")
    expected = "rtl" if lang == "fa" else "ltr"
    if facts["direction"] != expected:
        failures.append(f"{where}: direction is {facts['direction']}, not {expected}")
    if not facts["svgs"] or any(w <= 0 or h <= 0 for w, h in facts["svgs"]):
        failures.append(f"{where}: an SVG has no size: {facts['svgs']}")
    if facts["findings"] and facts["filters"] == 0:
        failures.append(f"{where}: the severity filters were not built")
    for e in browser.events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            failures.append(f"{where}: uncaught exception {params['exceptionDetails'].get('text')}")
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            failures.append(f"{where}: console error {params.get('args')}")
        if method == "Log.entryAdded" and params["entry"]["level"] == "error":
            failures.append(f"{where}: console error {params['entry']['text']}")
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url != "file://" + os.path.abspath(path):
                failures.append(f"{where}: a network request for {url}")
    height = browser.call("Runtime.evaluate",
                          expression="document.documentElement.scrollHeight",
                          returnByValue=True)["result"]["value"]
    shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": width, "height": min(height, 16000),
                              "scale": 1})
    # Named by the page's folder (fa, en, fa-coders, …) and the width.
    name = f"{os.path.basename(os.path.dirname(os.path.abspath(path)))}-{width}.png"
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    print(f"{where}: {len(facts['svgs'])} charts, {facts['findings']} findings, "
          f"direction {facts['direction']}, page {height}px tall -> {name}")
    return failures


def main():
    outdir, pages = sys.argv[1], sys.argv[2:]
    os.makedirs(outdir, exist_ok=True)
    browser = Browser()
    failures = []
    try:
        for domain in ["Page", "Runtime", "Log", "Network"]:
            browser.call(f"{domain}.enable")
        for page in pages:
            path, _, lang = page.partition(":")
            for width in WIDTHS:
                failures += check(browser, path, lang or "en", width, outdir)
    finally:
        browser.close()
    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
