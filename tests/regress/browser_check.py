#!/usr/bin/python3
"""browser_check: the web door in a real browser.

    browser_check.py AXE_JS BASE_URL

Headless Chromium, driven by chromedriver through Selenium, crawls every
page on BASE_URL's server from "/" (links with a query are not followed),
and on each runs axe-core (AXE_JS) with the WCAG 2.0, 2.1 and 2.2 A and
AA rules; it also reads the browser's console for errors (a blocked
resource, a Content-Security-Policy report).  The first pages are checked
again in dark mode, and at 320 CSS pixels wide nothing may scroll
sideways.  Then it fills a form as a person would (the label, the text
box, the button) and finds the words on the confirmation page and on the
area's page.  Prints one line per finding and a summary:

    pages N, violations N, console errors N, dark-mode violations N,
    too wide N, form ok|failed

Exit 0 when all is well, 1 otherwise, 2 when the browser cannot start
(the caller skips).  Debian's python3-selenium, chromium and
chromium-driver.
"""

import json
import shutil
import sys
import tempfile
import time
import urllib.parse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError as e:
    print("browser_check: no selenium: %s" % e)
    sys.exit(2)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s},
    resultTypes: ['violations']}).then(function (r) {
  done(JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(function (n) { return n.html; })};
  })));
}, function (e) { done(JSON.stringify({error: String(e)})); });
""" % json.dumps(TAGS)
WORDS = "Words typed in a browser: a café at the library, £5 a week, ŵ"
DARK_PAGES = 12


PROFILE = tempfile.mkdtemp(prefix="bs-chrome.")


def start():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--no-first-run",
              "--disable-extensions", "--window-size=1024,768",
              "--user-data-dir=" + PROFILE):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                         options=opts)
    d.set_script_timeout(120)
    d.set_page_load_timeout(30)
    return d


def axe(d, src):
    d.execute_script(src)
    out = json.loads(d.execute_async_script(RUN_AXE))
    if isinstance(out, dict):
        raise RuntimeError("axe: %s" % out["error"])
    return out


def console_errors(d):
    return [e for e in d.get_log("browser") if e.get("level") == "SEVERE"]


def main():
    axe_src = open(sys.argv[1], encoding="utf-8").read()
    base = sys.argv[2].rstrip("/")
    origin = urllib.parse.urlsplit(base).netloc
    try:
        d = start()
    except Exception as e:          # no browser: the caller skips
        print("browser_check: cannot start Chromium: %s" %
              str(e).splitlines()[0])
        return 2
    bad = 0
    pages = viol = errors = dark = wide = 0
    try:
        # First, that axe sees anything: a page with two faults.
        d.get("data:text/html;charset=utf-8," + urllib.parse.quote(
            "<!DOCTYPE html><title>Faults</title><main><h1>Faults</h1>"
            "<textarea></textarea></main>"))
        found = sorted(v["id"] for v in axe(d, axe_src))
        print("axe on a page with faults: %s" % ", ".join(found))
        if "html-has-lang" not in found or "label" not in found:
            print("axe did not find the faults: it is not working")
            return 1
        queue, seen = [base + "/"], {base + "/"}
        while queue and pages < 150:
            url = queue.pop(0)
            d.get(url)
            pages += 1
            for v in axe(d, axe_src):
                viol += 1
                print("violation %s: %s (%s): %s" % (url, v["id"], v["impact"],
                      v["help"]))
                for n in v["nodes"]:
                    print("    %s" % n)
            for e in console_errors(d):
                errors += 1
                print("console error %s: %s" % (url, e.get("message")))
            for a in d.find_elements(By.TAG_NAME, "a"):
                href = a.get_attribute("href") or ""
                u = urllib.parse.urlsplit(href)
                if u.scheme != "http" or u.netloc != origin or u.query:
                    continue
                target = urllib.parse.urlunsplit((u.scheme, u.netloc,
                                                  u.path or "/", "", ""))
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        # Dark mode and a phone's width, on the first pages.
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
            {"name": "prefers-color-scheme", "value": "dark"}]})
        d.set_window_size(320, 640)
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 320, "height": 640, "deviceScaleFactor": 1,
            "mobile": True})
        for url in sorted(seen)[:DARK_PAGES]:
            d.get(url)
            for v in axe(d, axe_src):
                dark += 1
                print("dark-mode violation %s: %s: %s" % (url, v["id"],
                      v["help"]))
            sw, cw = d.execute_script(
                "return [document.documentElement.scrollWidth, "
                "document.documentElement.clientWidth];")
            if sw > cw:
                wide += 1
                print("too wide %s: %d pixels in a %d pixel window" %
                      (url, sw, cw))
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

        # A person adds words: the form, by its label.
        d.get(base + "/w/demo/home/say/idea")
        label = d.find_element(By.TAG_NAME, "label")
        box = d.find_element(By.ID, label.get_attribute("for"))
        form_ok = box.tag_name == "textarea" and "idea" in label.text
        box.send_keys(WORDS)
        d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        for _ in range(100):
            if d.find_elements(By.TAG_NAME, "h1") and \
                    not d.find_element(By.TAG_NAME, "h1").text.startswith(
                        "Add your words"):
                break
            time.sleep(0.1)
        h1 = d.find_element(By.TAG_NAME, "h1").text
        quoted = [q.text for q in
                  d.find_elements(By.CSS_SELECTOR, "blockquote p")]
        print("after sending: %s; read back: %s" % (h1, quoted))
        form_ok = form_ok and h1 == "Your words are saved" and WORDS in quoted
        d.get(base + "/w/demo/home/")
        quoted = [q.text for q in
                  d.find_elements(By.CSS_SELECTOR, "blockquote p")]
        form_ok = form_ok and WORDS in quoted
        for v in axe(d, axe_src):
            viol += 1
            print("violation after input %s: %s" % (d.current_url, v["id"]))
    finally:
        d.quit()
    bad = viol or errors or dark or wide or not form_ok
    print("pages %d, violations %d, console errors %d, dark-mode violations "
          "%d, too wide %d, form %s" % (pages, viol, errors, dark, wide,
                                        "ok" if form_ok else "failed"))
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        shutil.rmtree(PROFILE, ignore_errors=True)
    sys.exit(rc)
