"""Journey 4: diary-demo asks a parent to sign a teacher's note; the parent signs it at
SchoolID with the SMS code and diary-demo shows the receipt it verified offline."""
from .steps import class_with_slips, consent_if_asked, diary_students, link_child, register_parent

PASSWORD = "Весенний-ручей-бежит-2026"


def test_parent_signs_an_acknowledgement_and_the_diary_verifies_the_receipt(world, browser):
    [(_, login, temporary)] = class_with_slips(world, browser, "ru", "teacher4", 9, [("Орлова", "Вера")])
    b = browser("ru", "4-acknowledgement")
    phone = register_parent(b, world, "Орлова", "Наталья", "parent4", PASSWORD, pages=False)
    link_child(b, login, temporary)

    b.open(world.diary + "/login")
    consent_if_asked(b, pages=False)
    [(student, relation, _)] = diary_students(b)
    assert relation == "guardian", relation
    b.open(f"{world.diary}/students/{student}/notes")
    b.submit(f"/students/{student}/notes/request")
    assert b.exists("#status"), f"the diary did not ask for a signature:\n{b.text()[:800]}"

    b.open("/account/acknowledgements")
    b.check("acknowledgements")
    b.find("a[href^='/account/acknowledgements/ack_'], main a[href^='/account/acknowledgements/']").click()
    b.check("acknowledgement")
    sent = world.sms.count(phone)
    world.sms.cooled_down(phone)  # the registration code went to this phone moments ago
    b.submit("/account/acknowledgements/*/code")
    assert not b.exists("p.error"), f"no code was sent:\n{b.text()[:800]}"
    b.check("acknowledgement-code")
    b.submit("/account/acknowledgements/*/sign", code=world.sms.code(phone, sent))
    assert not b.exists("p.error"), f"signing was refused:\n{b.text()[:800]}"
    b.check("acknowledgement-signed")

    b.open(f"{world.diary}/students/{student}/notes")
    assert b.exists("#verified"), f"diary-demo shows no verified receipt:\n{b.text()[:1200]}"
    assert b.find("#method").text == "sms-otp" and b.find("#signer-role").text == "guardian", b.find("#verified").text
