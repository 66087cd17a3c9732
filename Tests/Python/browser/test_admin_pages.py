"""The admin console in a browser: the first platform admin (from `schoolid init`) signs
in, lands on the console, creates a school, and every admin page passes the page checks,
in Russian and then, after the language switch, in English."""
from .steps import teacher_first_login

PAGES = {"admin": "/admin", "admin-schools": "/admin/schools", "admin-clients": "/admin/clients",
         "admin-keys": "/admin/keys", "admin-audit": "/admin/audit"}


def test_admin_console_pages(world, browser):
    b = browser("ru", "8-admin")
    password = (world.directory / "data" / "initial-admin-password").read_text().strip()
    teacher_first_login(b, "admin", password, pages=False)
    b.open("/")
    assert b.path == "/admin", f"a platform admin should land on the admin console, at {b.path}"

    b.open("/admin/schools")
    b.submit("/admin/schools", code="adm8", name="Школа № 8", region="Москва")
    b.open("/admin/schools")
    assert "adm8" in b.text(), f"the new school is not listed:\n{b.text()[:800]}"
    school = b.find("a[href^='/admin/schools/sch_']").get_attribute("href")
    b.open("/admin/clients")
    assert "diary-demo" in b.text(), "the registered client is not listed"

    for language in ("ru", "en"):
        if language == "en":
            b.find("a[href^='/language?lang=en']").click()
            b.language = "en"
        for name, path in {**PAGES, "admin-school": school}.items():
            b.open(path)
            b.check(name)
