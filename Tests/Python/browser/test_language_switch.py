"""The persistent language switch: a Russian browser switches the pages to English with
the header link, stays on the same page, and the choice outlives the page (cookie)."""


def test_the_switch_changes_the_language_and_keeps_it(world, browser):
    b = browser("ru", "7-language")
    b.open("/register")
    assert b.find("html").get_attribute("lang") == "ru"
    b.find("a[href^='/language?lang=en']").click()
    assert b.path == "/register", f"the switch did not return to the page: {b.path}"
    assert b.find("html").get_attribute("lang") == "en"
    b.check("register-switched", language="en")
    b.open("/login")
    assert b.find("html").get_attribute("lang") == "en", "the choice did not persist"
    b.find("a[href^='/language?lang=ru']").click()
    assert b.path == "/login" and b.find("html").get_attribute("lang") == "ru"
