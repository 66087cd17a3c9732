"""Journey 5: a teacher enrols an authenticator app at the first login (the code is
computed with `hmac` from the secret the page shows) and next time logs in with it."""
from .steps import NEW_PASSWORD, log_in, log_out, second_factor, teacher_first_login


def test_teacher_enrols_totp_and_logs_in_with_it(world, browser):
    password = world.add_teacher("teacher5")
    world.add_class(8, "В", "teacher5")
    b = browser("ru", "5-teacher")
    secret, step = teacher_first_login(b, "teacher5", password, pages=False)
    b.open("/account")
    b.check("account")
    log_out(b)
    assert b.path.startswith("/login") or b.path == "/", b.path

    log_in(b, "teacher5", NEW_PASSWORD)
    second_factor(b, secret, step, page="login-second-factor")
    b.open("/teacher")
    assert b.path == "/teacher", f"the teacher is not signed in: {b.path}"
    assert b.exists("a[href^='/teacher/classes/']"), b.text()[:800]
