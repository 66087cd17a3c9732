"""Journey 6: a form posted without its CSRF token is refused and changes nothing —
the login form (double-submit cookie) and a signed-in person's logout form."""
from .steps import teacher_first_login


def test_posts_without_the_csrf_token_are_refused(world, browser):
    password = world.add_teacher("teacher6")
    b = browser("ru", "6-csrf")
    b.open("/login")
    b.fill("/login", login="teacher6", password=password)
    b.post_without_csrf("/login")
    assert b.exists("p.error[role=alert]"), f"no refusal shown at {b.path}:\n{b.text()[:800]}"
    b.check("login-csrf-refused")
    assert not b.path.startswith("/password/change")

    teacher_first_login(b, "teacher6", password, pages=False)
    b.open("/account")
    b.post_without_csrf("/logout")
    assert b.exists("p.error[role=alert]"), f"no refusal shown at {b.path}:\n{b.text()[:800]}"
    b.check("logout-csrf-refused")
    b.open("/account")
    assert b.path == "/account", f"the session ended although the post had no CSRF token: {b.path}"
