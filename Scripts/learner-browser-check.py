#!/usr/bin/env python3
"""The learner page (itembank-server, /learn) in a real browser, keyboard only.

Starts the built itembank-server on a free port over BANK (a compiled bank) and a fresh SQLite file, then
drives Debian's chromium through chromium-driver with Selenium:
  - an organiser (--organiser-token) creates a campaign on competence 1.1 through the API;
  - starts as a new learner, joins the campaign by typing its code (in lower case, with a hyphen) and a
    name, starts the campaign's positioning test from the campaign page and takes it to its end, using the
    keyboard only (Tab, Space, Enter, typing into text fields; no click);
  - after each answer: the page is at #item (the heading of the new item or the result), and the
    aria-live status region (#outcome) states the outcome of the previous answer;
  - the result page shows a level and pix table; the campaign page then says the competence is done;
  - axe-core (axe-selenium-python) finds no serious or critical violation on the home page, the
    campaign page, the first item page and the result page;
  - screenshots at 375 px and 1280 px wide are saved to SHOTS (default: learner-screenshots/).

Usage: Scripts/learner-browser-check.py SERVER BANK [SHOTS [MEDIA]]
(MEDIA: the bank's media folder, given to the server as --media; default Banks/crcn/media when it
exists, so illustrations load.)
Exit status: 0 all checks pass, 1 a check failed, 2 usage error.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

failures = []
TEACHER = "browser-check-teacher-token"


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def ok(message):
    print("ok   " + message)


def start_server(server, bank, folder, media):
    extra = ["--media", media] if media else []
    process = subprocess.Popen(
        [server, "--bank", bank, "--database", os.path.join(folder, "learners.sqlite"), "--port", "0",
         "--watch-interval", "0", "--organiser-token", TEACHER] + extra,
        stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "server.log"), "w"), text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on (http://[^ ]+)", line)
    if not match:
        process.kill()
        print(f"the server did not start: {line!r}; see {folder}/server.log")
        sys.exit(1)
    return process, match.group(1)


def driver_for():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--force-device-scale-factor=1", "--hide-scrollbars", "--window-size=1280,900"):
        options.add_argument(argument)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    # axe is injected by the test; the pages' Content-Security-Policy forbids every script
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    return driver


def check_axe(driver, name):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in bad:
        targets = [node["target"] for node in violation["nodes"][:5]]
        fail(f"{name}: axe {violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    if not bad:
        ok(f"{name}: axe finds no serious or critical violation ({len(results['violations'])} minor)")


def screenshots(driver, shots, name):
    for width in (375, 1280):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(600, min(height + 40, 4000)))
        driver.save_screenshot(os.path.join(shots, f"{name}-{width}.png"))
    driver.set_window_size(1280, 900)


def create_campaign(base):
    """The organiser's side, through the API: a campaign on competence 1.1; returns its code."""
    request = urllib.request.Request(
        base + "/v1/campaigns", method="POST",
        data=json.dumps({"title": "5e B — positionnement", "competences": ["1.1"]}).encode(),
        headers={"Authorization": "Bearer " + TEACHER, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as reply:
        return json.load(reply)["code"]


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def submit(driver):
    """Presses Enter on the focused button and waits for the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    press(driver, Keys.ENTER)
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(old))


def active(driver):
    return driver.switch_to.active_element


def tab_to(driver, wanted, limit=60):
    """Presses Tab until the focused element satisfies wanted(element); returns it or None."""
    for _ in range(limit):
        press(driver, Keys.TAB)
        element = active(driver)
        if wanted(element):
            return element
    return None


def answer_with_keyboard(driver):
    """Fills the item's first control with the keyboard, then Tabs to Validate and presses Enter."""
    def is_control(element):
        tag = element.tag_name.lower()
        kind = (element.get_attribute("type") or "").lower()
        return (tag == "input" and kind in ("radio", "checkbox", "text")) or tag in ("textarea", "select") \
            or (tag == "button" and element.text == "Validate")
    filled = False
    for _ in range(30):
        element = tab_to(driver, is_control)
        if element is None:
            return False
        tag = element.tag_name.lower()
        kind = (element.get_attribute("type") or "").lower()
        if tag == "button":
            submit(driver)
            return filled
        if kind in ("radio", "checkbox") and not filled:
            press(driver, Keys.SPACE)
            filled = element.is_selected()
        elif kind == "text" or tag == "textarea":
            press(driver, "42")
            filled = True
        elif tag == "select":
            press(driver, Keys.ARROW_DOWN)
            filled = True
    return False


def main():
    if len(sys.argv) not in (3, 4, 5):
        print(__doc__)
        sys.exit(2)
    server, bank = sys.argv[1], sys.argv[2]
    shots = sys.argv[3] if len(sys.argv) >= 4 else "learner-screenshots"
    media = sys.argv[4] if len(sys.argv) == 5 else ("Banks/crcn/media" if os.path.isdir("Banks/crcn/media") else None)
    os.makedirs(shots, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="itembank-learner-")
    process, base = start_server(server, bank, folder, media)
    driver = driver_for()
    try:
        driver.get(base + "/learn")
        check_axe(driver, "home (new visitor)")
        screenshots(driver, shots, "home")
        # Start: Tab to the button, Enter
        button = tab_to(driver, lambda e: e.tag_name.lower() == "button")
        if button is None or button.text != "Start":
            fail("home: the Start button is not reachable with Tab")
            return
        submit(driver)
        legends = [legend.text for legend in driver.find_elements(By.TAG_NAME, "legend")]
        if not any(text.startswith("Positioning test") for text in legends) or "Join a campaign" not in legends:
            fail("after Start: no competence choice")
            return
        ok("Start registers a learner (cookie) and lists the competences")
        screenshots(driver, shots, "competences")
        check_axe(driver, "competences")
        # Join the campaign: Tab to the code field, type it loosely, then the name, then Enter on Join
        code = create_campaign(base)
        field = tab_to(driver, lambda e: e.get_attribute("id") == "campaign-code")
        if field is None:
            fail("home: the campaign code field is not reachable with Tab")
            return
        press(driver, code[:4].lower() + "-" + code[4:].lower())
        press(driver, Keys.TAB)
        if active(driver).get_attribute("id") != "campaign-name":
            fail("home: Tab from the code field does not reach the name field")
            return
        press(driver, "Léa M.")
        join = tab_to(driver, lambda e: e.tag_name.lower() == "button", limit=3)
        if join is None or join.text != "Join the campaign":
            fail("home: Tab from the name field does not reach the Join button")
            return
        submit(driver)
        heading = driver.find_element(By.TAG_NAME, "h1").text
        if heading != "Campaign: 5e B — positionnement" or not driver.current_url.endswith(f"/learn/campaigns/{code}#item"):
            fail(f"after joining: {driver.current_url} shows {heading!r}")
            return
        ok(f"campaign {code} joined with the keyboard (code typed in lower case with a hyphen)")
        check_axe(driver, "campaign")
        screenshots(driver, shots, "campaign")
        start = tab_to(driver, lambda e: e.tag_name.lower() == "button" and e.text == "Start 1.1")
        if start is None:
            fail("campaign: the Start 1.1 button is not reachable with Tab")
            return
        submit(driver)
        answered = 0
        outcomes = []
        while answered < 200:
            if not driver.current_url.endswith("#item"):
                fail(f"page {driver.current_url} is not at #item")
            heading = driver.find_element(By.TAG_NAME, "h1").text
            if heading.endswith(": result"):
                break
            if heading != f"Positioning test: question {answered + 1}":
                fail(f"expected question {answered + 1}, the heading is {heading!r}")
                return
            if answered == 0:
                check_axe(driver, "first item")
                screenshots(driver, shots, "item")
            for image in driver.find_elements(By.CSS_SELECTOR, "main img"):
                if media and not driver.execute_script("return arguments[0].naturalWidth > 0", image):
                    fail(f"question {answered + 1}: the illustration {image.get_attribute('src')} did not load")
                elif media:
                    ok(f"question {answered + 1}: the illustration loads from {image.get_attribute('src')}")
            if not answer_with_keyboard(driver):
                fail(f"question {answered + 1}: could not answer with the keyboard ({driver.current_url})")
                return
            answered += 1
            status = driver.find_element(By.ID, "outcome")
            if status.get_attribute("aria-live") != "polite" or status.get_attribute("role") != "status":
                fail("the outcome region is not an aria-live status")
            text = status.text
            if not re.fullmatch(r"Previous (answer: (right|wrong)[^.]*|question skipped)\.", text):
                fail(f"question {answered}: the live region says {text!r}")
            outcomes.append(text)
        ok(f"positioning taken to its end with the keyboard only: {answered} answers "
           f"({sum('right' in o for o in outcomes)} right), live region after each")
        rows = driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
        if not rows:
            fail("result: no level table")
        else:
            ok(f"result: {len(rows)} competences with level and pix")
        check_axe(driver, "result")
        screenshots(driver, shots, "result")
        driver.get(f"{base}/learn/campaigns/{code}")
        page = driver.find_element(By.TAG_NAME, "main").text
        status = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".status")]
        if "1 of 1 competence done." not in page or len(status) != 1 or not re.fullmatch(r"Done: level \d, \d+ pix", status[0]):
            fail(f"campaign page after the test: {page[:300]!r}")
        else:
            ok(f"campaign page: 1.1 {status[0]}")
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=10)
    print(f"screenshots in {shots}")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a crash of the check is a failure, with its message
        fail(f"{type(error).__name__}: {error}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all learner page checks pass")
