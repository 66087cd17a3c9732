"""A headless chromium (a fresh profile per journey) with the helpers the journeys
use: forms are found by their `action` and fields by `name` (never by visible text,
so copy changes do not break the tests), and `check(page)` saves full-page screenshots
at 1280 and 375 px, asserts no horizontal scrolling at 375 px and runs an axe-style
check (lang, labels, one h1, accessible names, image alternatives)."""
import base64
import fnmatch
import os
import time
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from .world import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = ROOT / ".build" / "test-output" / "screenshots"
WIDTHS = (1280, 375)

# Runs in the page; returns one line per problem. The rules are those of axe-core's
# html-has-lang/html-lang-valid, label, page-has-heading-one (exactly one here),
# button-name, link-name, image-alt and svg-img-alt, reduced to what these pages use.
AXE_SCRIPT = r"""
const expected = arguments[0];
const problems = [];
const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '')
    + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '')
    + (el.getAttribute('action') ? '[action=' + el.getAttribute('action') + ']' : '');
const byIds = ids => (ids || '').split(/\s+/).filter(Boolean)
    .map(id => document.getElementById(id)).filter(Boolean)
    .map(el => el.textContent.trim()).join(' ').trim();
const name = el => (el.getAttribute('aria-label') || '').trim() || byIds(el.getAttribute('aria-labelledby'))
    || (el.innerText || el.textContent || '').trim() || (el.getAttribute('title') || '').trim()
    || (el.tagName === 'INPUT' ? (el.value || '').trim() : '')
    || Array.from(el.querySelectorAll('img[alt],svg[aria-label]'))
         .map(i => i.getAttribute('alt') || i.getAttribute('aria-label')).join(' ').trim();
const lang = document.documentElement.getAttribute('lang');
if (!lang) problems.push('<html> has no lang');
else if (lang.split('-')[0].toLowerCase() !== expected) problems.push(`<html lang="${lang}">, expected ${expected}`);
const h1 = Array.from(document.querySelectorAll('h1')).filter(visible).length;
if (h1 !== 1) problems.push(`${h1} visible <h1> elements, expected one`);
for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type) || !visible(el)) continue;
    const labelled = (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`))
        || el.closest('label') || (el.getAttribute('aria-label') || '').trim()
        || byIds(el.getAttribute('aria-labelledby')) || (el.getAttribute('title') || '').trim();
    if (!labelled) problems.push(`${describe(el)} has no label`);
}
for (const el of document.querySelectorAll('button, input[type=submit], input[type=button], a[href], [role=button], [role=link]')) {
    if (!visible(el)) continue;
    if (!name(el)) problems.push(`${describe(el)} has no accessible name`);
}
for (const el of document.querySelectorAll('img')) {
    if (!el.hasAttribute('alt') && !(el.getAttribute('aria-label') || '').trim()
        && !['presentation', 'none'].includes(el.getAttribute('role'))) problems.push(`${describe(el)} has no alt`);
}
for (const el of document.querySelectorAll('svg')) {
    if (el.parentElement && el.parentElement.closest('svg')) continue;
    const hidden = el.getAttribute('aria-hidden') === 'true';
    const titled = (el.getAttribute('aria-label') || '').trim() || byIds(el.getAttribute('aria-labelledby'))
        || (el.querySelector(':scope > title') && el.querySelector(':scope > title').textContent.trim());
    if (!hidden && !(el.getAttribute('role') === 'img' && titled)) problems.push(`${describe(el)} needs role="img" and a title or aria-label`);
}
return problems;
"""


class Browser:
    def __init__(self, world, language, journey):
        self.world = world
        self.language = language
        self.journey = journey
        self.problems = []
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,900", f"--lang={language}", "--no-first-run",
                         "--disable-extensions", "--disable-background-networking", "--password-store=basic"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "intl.accept_languages": language,
            "credentials_enable_service": False, "profile.password_manager_enabled": False,
        })
        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download anything
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)

    def close(self):
        self.driver.quit()

    # MARK: - Navigation

    def open(self, url):
        if url.startswith("/"):
            url = self.world.base + url
        self.driver.get(url)
        return self

    @property
    def url(self):
        return self.driver.current_url

    @property
    def path(self):
        parts = urlsplit(self.driver.current_url)
        return parts.path + ("?" + parts.query if parts.query else "")

    def at(self, base):
        return self.driver.current_url.startswith(base)

    def form(self, action, names=(), hidden=None):
        """The first form whose action is `action` (a path; `*` matches any part)
        and which has fields named `names` and `hidden` fields with the given values
        (several forms may post to one action)."""
        forms = self.driver.find_elements(By.CSS_SELECTOR, "form")
        for form in forms:
            target = urlsplit(form.get_attribute("action") or "").path
            if fnmatch.fnmatchcase(target, action):
                if all(form.find_elements(By.NAME, name) for name in names) and all(
                        form.find_elements(By.CSS_SELECTOR, f"[name='{name}'][value='{value}']")
                        for name, value in (hidden or {}).items()):
                    return form
        actions = [form.get_attribute("action") for form in forms]
        raise AssertionError(f"{self.path}: no form posting to {action}; forms: {actions}\n{self.text()[:1500]}")

    def has_form(self, action, names=()):
        try:
            self.form(action, names)
            return True
        except AssertionError:
            return False

    def fill(self, action, hidden=None, **fields):
        form = self.form(action, tuple(fields), hidden)
        for name, value in fields.items():
            field = form.find_element(By.NAME, name)
            if field.get_attribute("type") in ("checkbox", "radio"):
                if value is False:  # False clears the one box of that name
                    if field.is_selected():
                        field.click()
                    continue
                if value is not True:  # True ticks the one box of that name
                    field = form.find_element(By.CSS_SELECTOR, f"[name='{name}'][value='{value}']")
                if not field.is_selected():
                    field.click()
            elif field.tag_name == "select":
                from selenium.webdriver.support.ui import Select
                Select(field).select_by_value(value)
            else:
                field.clear()
                field.send_keys(value)
        return form

    def submit(self, action, button=None, hidden=None, **fields):
        """Fills `fields` in the form posting to `action` (and carrying the `hidden`
        values) and presses its submit button (the one with `name=button`, when given),
        then waits for the next page."""
        form = self.fill(action, hidden, **fields)
        selector = f"[type=submit][name='{button}'], button[name='{button}']" if button else \
            "button:not([type=button]):not([type=reset]), input[type=submit]"
        buttons = form.find_elements(By.CSS_SELECTOR, selector)
        assert buttons, f"{self.path}: the form posting to {action} has no submit button {button or ''}"
        old = self.driver.find_element(By.TAG_NAME, "html")
        buttons[0].click()
        self._wait_gone(old)
        return self

    def _wait_gone(self, element, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                element.is_enabled()
            except Exception:  # stale: the next page replaced it
                return
            time.sleep(0.05)
        invalid = self.driver.execute_script(
            "return Array.from(document.querySelectorAll(':invalid')).filter(e => e.name)"
            ".map(e => e.name + ': ' + e.validationMessage);")
        raise AssertionError(f"{self.path}: the page did not change after submitting; invalid fields: {invalid}")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def html(self):
        return self.driver.page_source

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css):
        return bool(self.driver.find_elements(By.CSS_SELECTOR, css))

    def status_title(self):
        return self.driver.title

    def post_without_csrf(self, action):
        """Removes the `csrf_token` field of the form posting to `action`, then submits it
        (what a forged cross-site form would send)."""
        form = self.form(action)
        self.driver.execute_script(
            "for (const f of arguments[0].querySelectorAll('[name=csrf_token]')) f.remove();", form)
        old = self.driver.find_element(By.TAG_NAME, "html")
        form.find_elements(By.CSS_SELECTOR, "button, input[type=submit]")[0].click()
        self._wait_gone(old)
        return self

    # MARK: - Page checks

    def check(self, page, language=None, layout=True):
        """Screenshots of the current page at 1280 and 375 px (full page), the 375 px
        horizontal-scroll check and the axe-style check; problems are collected with
        the page's name and asserted by the `browser` fixture. `language` overrides the
        expected `<html lang>`; `layout=False` skips the 375 px checks (diary-demo, a third
        party's desktop-only page)."""
        label = f"{page} ({self.language}, {self.path})"
        for problem in self.driver.execute_script(AXE_SCRIPT, language or self.language):
            self.problems.append(f"{label}: {problem}")
        directory = SCREENSHOTS / self.language
        directory.mkdir(parents=True, exist_ok=True)
        try:
            for width in WIDTHS:
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
                if width < 600 and layout:
                    scroll, inner = self.driver.execute_script(
                        "return [document.documentElement.scrollWidth, window.innerWidth];")
                    # Mobile chromium widens the layout viewport to fit content that
                    # sticks out, so innerWidth > 375 is horizontal scrolling too.
                    if scroll > inner or inner > width:
                        wide = self.driver.execute_script(WIDEST_SCRIPT, width)
                        self.problems.append(f"{label}: scrolls horizontally at {width} px (scrollWidth {scroll}, "
                                             f"innerWidth {inner}; sticking out: {wide})")
                shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                    "format": "png", "captureBeyondViewport": True})
                (directory / f"{self.journey}-{page}-{width}.png").write_bytes(base64.b64decode(shot["data"]))
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return self

    def assert_pages_ok(self):
        assert not self.problems, "page checks failed:\n" + "\n".join(self.problems)


# The elements that stick out past the viewport, for the failure message.
WIDEST_SCRIPT = r"""
const width = arguments[0];
const name = el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
return Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > width + 1 || el.scrollWidth > el.clientWidth + 1)
  .filter(el => !Array.from(el.children).some(c => c.getBoundingClientRect().right > width + 1
                                                   || c.scrollWidth > c.clientWidth + 1))
  .slice(0, 3)
  .map(el => name(el) + ' "' + (el.textContent || '').trim().slice(0, 40) + '" '
       + Math.round(Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth)) + 'px');
"""


