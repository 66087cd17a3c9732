"""Journey 3: a parent who registered with the SMS code forgets the password and sets
a new one through /recover with a code sent to the phone."""
import pytest

from .steps import log_in, log_out, register_parent

OLD = "Осенний-лист-кружит-2026"
NEW = "Зимний-вечер-у-камина-2027"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_parent_forgets_the_password_and_recovers_it(world, browser, language):
    login = f"parent3{language}"
    b = browser(language, "3-recovery")
    phone = register_parent(b, world, "Смирнова", "Ольга", login, OLD)
    log_out(b)

    b.open("/recover")  # the hub naming both ways back in
    b.check("recover")
    assert b.exists("a[href='/recover/login']") and b.exists("a[href='/recover/password']"), b.text()[:800]
    b.open("/login")  # the login page links straight to forgot login / forgot password
    assert b.exists("a[href='/recover/login']"), b.text()[:800]
    b.find("a[href='/recover/password']").click()
    assert b.path == "/recover/password", b.path
    b.check("recover-password")
    sent = world.sms.count(phone)
    world.sms.cooled_down(phone)  # the registration code went to this phone moments ago
    b.submit("/recover/password", identifier=login)
    assert b.path.startswith("/recover/password/"), f"expected the recovery flow, at {b.path}:\n{b.text()[:800]}"
    b.check("recover-password-flow")
    b.submit("/recover/password/*", sms_code=world.sms.code(phone, sent), new_password=NEW, repeat_password=NEW)
    b.check("recover-password-done")

    log_in(b, login, OLD)
    assert b.path.startswith("/login") and b.exists("p.error[role=alert]"), "the old password still works"
    log_in(b, login, NEW)
    b.open("/account")
    assert b.path == "/account", f"the new password did not sign in: {b.path}\n{b.text()[:800]}"
