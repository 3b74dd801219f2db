"""`thematic watch --serve` in a real browser: the page follows the codebook's edits.

    python3 .ci/watch.py THEMATIC OUTDIR

Starts `THEMATIC watch --serve` on a copy of the paper's codebook (English outputs), opens the
served report in headless Chromium (through browser.py's DevTools client), then edits a cell
of components.csv as a researcher would and checks that the open page reloads itself and shows
the new printed value; saves a broken file and checks that the page keeps the last good numbers
and shows the problem in a banner; fixes it and checks the banner goes; ends the watch with
SIGINT and checks that it exits 0. Screenshots of each state go to OUTDIR. Exit 1 on a failure.
"""

import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser  # noqa: E402

# The printed value of a component in the report's Components table.
PRINTED = """(() => {
  const table = Array.from(document.querySelectorAll('table'))
    .find(t => t.caption && t.caption.textContent.trim() === 'Components');
  const row = table && Array.from(table.querySelectorAll('th[scope=row]'))
    .find(th => th.textContent.trim() === 'Interaction in economic affairs');
  return row ? row.nextElementSibling.nextElementSibling.textContent.trim() : null;
})()"""

BANNER = """(() => {
  const b = document.querySelector('pre[role=alert]');
  return b && !b.hidden ? b.textContent : '';
})()"""


def main():
    thematic, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="thematic-watch-")
    codebook = os.path.join(work, "cb")
    shutil.copytree("codebooks/masoumi2025", codebook)
    components = os.path.join(codebook, "components.csv")
    original = open(components, encoding="utf-8").read()

    watch = subprocess.Popen(
        [thematic, "watch", "--codebook", codebook, "--out", os.path.join(work, "out"),
         "--lang", "en", "--serve", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(watch.stdout), daemon=True)
    reader.start()

    def wait_line(text, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for line in list(lines):
                if text in line:
                    return line
            time.sleep(0.05)
        raise SystemExit(f"FAIL watch printed no line with {text!r}: {lines}")

    address = re.search(r"http://([0-9.]+:[0-9]+)/", wait_line("serving ")).group(1)
    wait_line("watching ")
    failures = []
    browser = Browser()

    def evaluate(expression):
        return browser.call("Runtime.evaluate", expression=expression,
                            returnByValue=True)["result"].get("value")

    def until(expression, wanted, seconds=15):
        deadline = time.time() + seconds
        value = None
        while time.time() < deadline:
            try:
                value = evaluate(expression)
            except RuntimeError:
                value = None  # the page is between documents
            if wanted(value):
                return value
            time.sleep(0.1)
        return value

    def shot(name):
        data = browser.call("Page.captureScreenshot", format="png")["data"]
        with open(os.path.join(outdir, f"watch-{name}.png"), "wb") as f:
            f.write(base64.b64decode(data))

    try:
        browser.call("Page.enable")
        browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=900,
                     deviceScaleFactor=1, mobile=False)
        browser.call("Page.navigate", url=f"http://{address}/")
        browser.wait_for("Page.loadEventFired")
        before = until(PRINTED, lambda v: v is not None)
        if before != "57":
            failures.append(f"the served page shows {before!r} for the component, not 57")
        evaluate("window.notReloaded = true")
        evaluate("document.querySelector('table').scrollIntoView()")
        shot("before")

        # The edit of the README's tour: print 38 for the component.
        saved = time.time()
        with open(components, "w", encoding="utf-8") as f:
            f.write(original.replace(",۵۷\n", ",۳۸\n"))
        after = until(PRINTED, lambda v: v == "38")
        took = time.time() - saved
        if after != "38":
            failures.append(f"after the edit the page shows {after!r}, not 38")
        elif evaluate("window.notReloaded === true"):
            failures.append("the number changed without a reload")
        else:
            print(f"an edit reached the open page in {took:.2f} s")
        wait_line("run 2 after components.csv")
        shot("edited")

        # A broken save: the banner says what is wrong; the numbers stay.
        with open(components, "w", encoding="utf-8") as f:
            f.write("dimension,component\n")
        banner = until(BANNER, lambda v: bool(v))
        if "components.csv" not in (banner or ""):
            failures.append(f"no banner naming components.csv after a broken save: {banner!r}")
        if evaluate(PRINTED) != "38":
            failures.append("a broken save changed the page's numbers")
        shot("broken")

        # Fixed: the page reloads, the banner is gone.
        with open(components, "w", encoding="utf-8") as f:
            f.write(original)
        if until(PRINTED, lambda v: v == "57") != "57":
            failures.append("the fixed save did not reach the page")
        if until(BANNER, lambda v: v == "") != "":
            failures.append("the banner stayed after a good run")
        shot("fixed")
    finally:
        browser.close()
        watch.send_signal(signal.SIGINT)
        try:
            code = watch.wait(timeout=30)
        except subprocess.TimeoutExpired:
            watch.kill()
            code = "none (killed after 30 s)"
        if code != 0:
            failures.append(f"watch exited {code} on SIGINT, not 0")
        shutil.rmtree(work, ignore_errors=True)
    reader.join(timeout=5)
    if not any(line.startswith("watch ended after") for line in lines):
        failures.append(f"watch did not say it ended: {lines[-3:]}")
    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    print(f"watch --serve in Chromium: {'failed' if failures else 'ok'}; screenshots in {outdir}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
