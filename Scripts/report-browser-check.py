#!/usr/bin/env python3
"""Browser checks of a bank report site (itembank report BANK -o SITE).

Runs Debian's chromium through chromium-driver with Selenium, from file:// URLs:
  - every checked page loads with no console error or warning from the page;
  - axe-core (axe-selenium-python) finds no serious or critical violation on the index, the item
    list, a competence page and one item page of each type (light and dark colour schemes);
  - the key toggle of an item page shows and hides the keys;
  - every coverage heatmap link leads to a competence page section that lists items, and its item
    links open item pages;
  - the search box filters the item list (and the list is complete without JavaScript);
  - screenshots at 375 px and 1280 px wide are saved to SHOTS (default: report-screenshots/).

Usage: Scripts/report-browser-check.py SITE [SHOTS]
Exit status: 0 all checks pass, 1 a check failed, 2 usage error.
"""
import os
import re
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from axe_selenium_python import Axe

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def ok(message):
    print("ok   " + message)


def driver_for():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def url(site, path):
    path, _, query = path.partition("?")
    return "file://" + urllib.parse.quote(os.path.abspath(os.path.join(site, path))) + ("?" + query if query else "")


def console_problems(driver):
    return [entry for entry in driver.get_log("browser") if entry.get("level") in ("SEVERE", "WARNING")]


def load(driver, site, path):
    driver.get(url(site, path))
    problems = console_problems(driver)
    if problems:
        fail(f"{path}: console: {problems}")
    return driver


def check_axe(driver, site, path, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    load(driver, site, path)
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        for violation in bad:
            targets = [node["target"] for node in violation["nodes"][:5]]
            fail(f"{path} ({scheme}): axe {violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    else:
        minor = sorted({v["id"] for v in results["violations"]})
        ok(f"{path} ({scheme}): axe finds no serious or critical violation" + (f" (minor: {minor})" if minor else ""))


def screenshot(driver, site, path, width, name, shots, scheme="light"):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    driver.set_window_size(width, 900)
    load(driver, site, path)
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 2400)")
    chrome = driver.execute_script("return window.outerHeight - window.innerHeight")
    driver.set_window_size(width, max(height, 300) + chrome)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
    if overflow and width <= 400:
        fail(f"{path}: the page scrolls sideways at {width} px")
    file = os.path.join(shots, name)
    driver.save_screenshot(file)
    ok(f"screenshot {file}")


def main():
    if len(sys.argv) < 2 or not os.path.isfile(os.path.join(sys.argv[1], "index.html")):
        print(__doc__, file=sys.stderr)
        return 2
    site = sys.argv[1]
    shots = sys.argv[2] if len(sys.argv) > 2 else "report-screenshots"
    os.makedirs(shots, exist_ok=True)
    with open(os.path.join(site, "items.html"), encoding="utf-8") as handle:
        listing = handle.read()
    rows = re.findall(r'<tr><th scope="row"><a href="(items/[^"]+)">([^<]+)</a></th><td>([a-z-]+)</td>', listing)
    by_type = {}
    for href, _, item_type in rows:
        by_type.setdefault(item_type, href)
    competences = sorted(os.listdir(os.path.join(site, "competences")))
    pages = ["index.html", "items.html", "competences/" + competences[0]] + [by_type[t] for t in sorted(by_type)]
    print(f"{len(rows)} items; item pages checked: {', '.join(by_type[t] for t in sorted(by_type))}")

    driver = driver_for()
    driver.set_script_timeout(300)
    driver.set_page_load_timeout(300)
    try:
        driver.set_window_size(1280, 900)
        for path in pages:
            for scheme in ("light", "dark"):
                check_axe(driver, site, path, scheme)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

        # Key toggle, on the page of each item type.
        for item_type, path in sorted(by_type.items()):
            load(driver, site, path)
            keys = driver.find_elements(By.CSS_SELECTOR, ".ib-key")
            if not keys:
                fail(f"{path}: no key, accepted answer or solution to show")
                continue
            if any(key.is_displayed() for key in keys):
                fail(f"{path}: keys shown before the toggle")
            driver.find_element(By.CSS_SELECTOR, "label[for=show-keys]").click()
            if not all(key.is_displayed() for key in keys):
                fail(f"{path}: the toggle does not show the keys")
            driver.find_element(By.ID, "show-keys").click()
            if any(key.is_displayed() for key in keys):
                fail(f"{path}: the toggle does not hide the keys again")
            else:
                ok(f"{path}: the key toggle shows and hides {len(keys)} {item_type} key parts")

        # Heatmap links lead to item lists, whose links open item pages.
        load(driver, site, "index.html")
        cells = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table.heat td a")]
        leading = 0
        for href in cells:
            driver.get(href)
            fragment = urllib.parse.urlparse(href).fragment
            sections = driver.find_elements(By.ID, fragment)
            if not sections:
                fail(f"heatmap link {href}: no element #{fragment}")
                continue
            items = sections[0].find_elements(By.CSS_SELECTOR, "a[href^='../items/']")
            if items:
                leading += 1
                target = items[0].get_attribute("href")
                driver.get(target)
                if not driver.find_elements(By.CSS_SELECTOR, "section.ib-item"):
                    fail(f"heatmap link {href}: item link {target} does not open an item page")
            elif "gap" not in driver.find_element(By.ID, fragment).text and "No item" not in sections[0].text:
                fail(f"heatmap link {href}: section lists no item")
        ok(f"{len(cells)} heatmap links lead to their level sections; {leading} list items that open")

        # Keyboard: the first Tab reaches the skip link, which moves to the main content.
        load(driver, site, "index.html")
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if active.get_attribute("class") != "skip":
            fail("index.html: the first Tab does not reach the skip link")
        else:
            active.send_keys(Keys.ENTER)
            if not driver.current_url.endswith("#main"):
                fail("index.html: the skip link does not move to #main")
            else:
                ok("index.html: Tab reaches the skip link, Enter moves to the main content")

        # Search over the item list: the box filters; without JavaScript the list is whole.
        first_id = rows[0][1]
        load(driver, site, "items.html?q=" + urllib.parse.quote(first_id))
        shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "#item-list tbody tr") if r.is_displayed()]
        if not shown or any(first_id not in r.text for r in shown):
            fail(f"search for {first_id}: {len(shown)} rows shown")
        else:
            ok(f"search for {first_id}: {len(shown)} row(s)")

        # 320 px: nothing scrolls sideways (wide tables scroll inside their own region).
        driver.set_window_size(320, 800)
        for path in pages:
            load(driver, site, path)
            if driver.execute_script(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth"):
                fail(f"{path}: the page scrolls sideways at 320 px")
        ok(f"{len(pages)} pages fit 320 px without sideways scrolling")

        # Screenshots.
        item_page = by_type.get("qcu") or pages[-1]
        for width in (375, 1280):
            screenshot(driver, site, "index.html", width, f"index-{width}.png", shots)
            screenshot(driver, site, item_page, width, f"item-{width}.png", shots)
            screenshot(driver, site, "competences/" + competences[0], width, f"competence-{width}.png", shots)
        screenshot(driver, site, item_page, 1280, "item-1280-dark.png", shots, "dark")
        driver.find_element(By.ID, "show-keys").click()
        driver.save_screenshot(os.path.join(shots, "item-1280-dark-keys.png"))
        ok("screenshot " + os.path.join(shots, "item-1280-dark-keys.png"))
        screenshot(driver, site, "index.html", 375, "index-375-dark.png", shots, "dark")
    finally:
        driver.quit()
    if failures:
        print(f"\n{len(failures)} browser check(s) failed")
        return 1
    print("\nall browser checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
