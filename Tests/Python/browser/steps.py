"""Steps several journeys share, each as a person does it in the browser. Elements are
found by form action and field name; outcomes are asserted by URL and elements."""
import re
import tempfile
import time

from .support import totp

NEW_PASSWORD = "Сирень-над-Волгой-1947"
STUDENT_PASSWORD = "lilac-harbour-7391"


def wait_until(condition, what, timeout=60, browser=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}" + (f" at {browser.path}:\n{browser.text()[:1500]}" if browser else ""))


def log_in(b, login, password):
    """The login form at /login (or where an authorization request sent the browser)."""
    if not b.has_form("/login", ("login", "password")):
        b.open("/login")
    b.submit("/login", login=login, password=password)
    return b


def change_first_password(b, new_password, page=None):
    """The forced first-login change at /password/change."""
    assert b.path.startswith("/password/change"), f"expected the forced password change, at {b.path}:\n{b.text()[:800]}"
    if page:
        b.check(page)
    b.submit("/password/change", new_password=new_password, repeat_password=new_password)
    return b


def enrol_totp(b, page=None):
    """/login/enrol: reads the secret the page shows, confirms it with the current code,
    continues past the recovery codes; returns (secret, the step the code used)."""
    assert b.path.startswith("/login/enrol"), f"expected TOTP enrolment, at {b.path}:\n{b.text()[:800]}"
    secret = b.find("strong.secret").text
    assert re.fullmatch(r"[A-Z2-7 ]+", secret), secret
    if page:
        b.check(page)
    step = int(time.time()) // 30
    b.submit("/login/enrol", code=totp(secret, step))
    assert len(b.find_all("code.secret")) == 10, f"expected ten recovery codes at {b.path}:\n{b.text()[:800]}"
    if page:
        b.check(page + "-recovery-codes")
    b.find("main a[href], a[href='/account'], a[href='/']").click()
    return secret, step


def teacher_first_login(b, login, password, pages=True):
    """Temporary password → new password → TOTP enrolment → signed in."""
    b.open("/login")
    if pages:
        b.check("login")
    log_in(b, login, password)
    change_first_password(b, NEW_PASSWORD, "password-change" if pages else None)
    return enrol_totp(b, "totp-enrolment" if pages else None)


def upload_roster(b, class_id, names, pages=True):
    """Uploads a roster on the class page, waits for the batch and opens the slips
    (shown once); returns [(name, login, temporary password)]."""
    b.open(f"/teacher/classes/{class_id}")
    if pages:
        b.check("teacher-class")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False) as roster:
        roster.write("Фамилия;Имя\n" + "".join(f"{last};{first}\n" for last, first in names))
    b.fill(f"/teacher/classes/{class_id}/roster", roster=roster.name)
    b.submit(f"/teacher/classes/{class_id}/roster")
    assert b.path.startswith("/teacher/batches/"), f"expected the batch page, at {b.path}:\n{b.text()[:800]}"
    batch = b.path

    def finished():
        b.open(batch)
        return not b.exists("meta[http-equiv=refresh]")

    wait_until(finished, "the credential batch to finish", browser=b)
    if pages:
        b.check("teacher-batch")
    slips_link = b.find(f"a[href='{batch}/slips']")
    slips_link.click()
    slips = []
    for slip in b.find_all("section.slip"):
        login, password = [span.text for span in slip.find_elements("css selector", "span.secret")]
        slips.append((slip.find_element("css selector", "strong").text, login, password))
    assert len(slips) == len(names), f"expected {len(names)} slips at {b.path}:\n{b.text()[:800]}"
    if pages:
        b.check("teacher-slips")
    return slips


def consent_if_asked(b, pages=True):
    """Allows the diary on SchoolID's consent page, when it is shown."""
    if b.at(b.world.base) and b.has_form("/oauth/authorize/decision"):
        if pages:
            b.check("authorize-consent")
        b.submit("/oauth/authorize/decision", hidden={"decision": "allow"})


def sign_in_to_diary(b, login, password, pages=True):
    """From diary-demo's /login through SchoolID's login (and consent) back to the
    diary; returns the subject the diary shows."""
    b.open(b.world.diary + "/login")
    assert b.at(b.world.base), f"diary-demo did not send the browser to SchoolID: {b.url}"
    log_in(b, login, password)
    consent_if_asked(b, pages)
    return diary_subject(b)


def diary_subject(b):
    assert b.at(b.world.diary), f"expected diary-demo, at {b.url}:\n{b.text()[:800]}"
    assert b.exists("#subject"), f"diary-demo shows no signed-in person at {b.url}:\n{b.text()[:800]}"
    return b.find("#subject").text


def log_out(b):
    """The logout button every signed-in page carries (POST /logout)."""
    if not b.has_form("/logout"):
        b.open("/account")
    b.submit("/logout")
    return b


def second_factor(b, secret, after_step, page=None):
    """/login/second-factor with the app's code for a step after `after_step` (the
    step the enrolment used cannot be replayed; RFC 6238 §5.2)."""
    assert b.path.startswith("/login/second-factor"), f"expected the second step, at {b.path}:\n{b.text()[:800]}"
    if page:
        b.check(page)
    step = max(int(time.time()) // 30, after_step + 1)
    b.submit("/login/second-factor", code=totp(secret, step))
    return step


def register_parent(b, world, last_name, first_name, login, password, pages=True, phone=None):
    """/register → the SMS code from the fake gateway → a signed-in guardian; returns
    the phone number."""
    phone = phone or world.next_phone()
    sent = world.sms.count(phone)
    b.open("/register")
    if pages:
        b.check("register")
    b.submit("/register", last_name=last_name, first_name=first_name, phone=phone, login=login,
             password=password, password_repeat=password, consent_version=True)
    assert b.path.startswith("/register/"), f"expected the code step, at {b.path}:\n{b.text()[:800]}"
    if pages:
        b.check("register-code")
    b.submit("/register/*", code=world.sms.code(phone, sent))
    assert not b.path.startswith("/register"), f"registration did not finish, at {b.path}:\n{b.text()[:800]}"
    return phone


def class_with_slips(world, browser, language, teacher, grade, names):
    """A class of `teacher` with `names` uploaded by the teacher in their own browser
    (no page checks); the slips."""
    password = world.add_teacher(teacher)
    class_id = world.add_class(grade, "Г", teacher)
    staff = browser(language, "setup-" + teacher)
    teacher_first_login(staff, teacher, password, pages=False)
    return upload_roster(staff, class_id, names, pages=False)


def link_child(b, login, temporary, page=None):
    """/account/children: the slip's login and temporary password link the child."""
    b.open("/account/children")
    if page:
        b.check(page)
    before = len(b.find_all("main li, main tr"))
    b.submit("/account/children/claim", login=login, password=temporary)
    assert b.path.startswith("/account/children"), f"at {b.path}:\n{b.text()[:800]}"
    assert not b.exists("p.error"), f"linking {login} was refused:\n{b.text()[:800]}"
    return before


def diary_students(b):
    """The (student id, relation, services) lines diary-demo's home lists."""
    students = []
    for item in b.find_all("li.student"):
        link = item.find_element("css selector", "a").get_attribute("href").rsplit("/", 1)[-1]
        _, relation, services = [part.strip() for part in item.text.split(" — ")]
        students.append((link, relation, services.replace("services:", "").strip()))
    return students
