"""Journey 2: a parent registers with the SMS code, links two children with their slips,
invites a trusted person for one child and some services; the trusted person registers
with the invited phone, accepts, and diary-demo shows them only that child with only
those services (while the parent sees both children)."""
import pytest

from .steps import class_with_slips, consent_if_asked, diary_students, link_child, register_parent

PARENT_PASSWORD = "Тёплый-плед-и-какао-2026"
TRUSTED_PASSWORD = "Бабушкины-пироги-с-вишней-1958"
TRUSTED_LAST_NAME = "Кузнецова"
GRANTED = frozenset({"diary", "nutrition"})  # attendance is left out


def children_ids(b):
    """{login: account id} of the children table on /account/children (the id is read
    from each row's "new temporary password" form)."""
    ids = {}
    for row in b.find_all("table.children tbody tr"):
        login = row.find_element("css selector", "td.secret").text.strip()
        action = row.find_element("css selector", "form[action$='/temporary-password']").get_attribute("action")
        ids[login] = action.rstrip("/").split("/")[-2]
    return ids


def open_diary(b):
    """diary-demo's /login for someone already signed in at SchoolID (consent when
    asked); the students its home lists."""
    b.open(b.world.diary + "/login")
    consent_if_asked(b, pages=False)
    assert b.at(b.world.diary), f"expected diary-demo, at {b.url}:\n{b.text()[:800]}"
    return diary_students(b)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_parent_links_two_children_and_a_trusted_person_sees_only_what_was_granted(world, browser, language):
    slips = class_with_slips(world, browser, language, f"teacher2{language}", 7 if language == "ru" else 8,
                             [("Волков", "Илья"), ("Волкова", "Дарья")])
    (_, first_login, first_temporary), (_, second_login, second_temporary) = slips

    parent = browser(language, "2-parent")
    register_parent(parent, world, "Волкова", "Елена", f"parent2{language}", PARENT_PASSWORD, pages=False)
    link_child(parent, first_login, first_temporary, page="children-empty")
    link_child(parent, second_login, second_temporary)
    parent.check("children")
    ids = children_ids(parent)
    assert set(ids) == {first_login, second_login}, f"linked children: {ids}\n{parent.text()[:800]}"
    granted, withheld = ids[first_login], ids[second_login]
    parent.open("/account")
    assert len(parent.find_all("main table tbody tr")) == 2, "the dashboard does not list both children"
    parent.check("account-dashboard")

    trusted_phone = world.next_phone()
    parent.find("a[href='/account/trusted-persons']").click()
    assert parent.path == "/account/trusted-persons", parent.path
    parent.check("trusted-persons")
    parent.submit("/account/trusted-persons/invite", student_id=granted, last_name=TRUSTED_LAST_NAME,
                  phone=trusted_phone, service_diary=True, service_attendance=False, service_nutrition=True)
    assert not parent.exists("p.error"), f"the invitation was refused:\n{parent.text()[:800]}"
    assert parent.exists("a[href='/account/trusted-persons']"), f"no invited page:\n{parent.text()[:800]}"
    parent.check("trusted-invited")
    parent.open("/account/trusted-persons")
    assert len(parent.find_all("ul.sent li.invitation")) == 1, parent.text()[:800]
    parent.check("trusted-persons-sent")

    trusted = browser(language, "2-trusted")
    register_parent(trusted, world, TRUSTED_LAST_NAME, "Галина", f"trusted2{language}", TRUSTED_PASSWORD,
                    pages=False, phone=trusted_phone)
    trusted.open("/account/trusted-persons")
    assert len(trusted.find_all("ul.received li.invitation")) == 1, f"no invitation received:\n{trusted.text()[:800]}"
    trusted.check("trusted-persons-received")
    trusted.submit("/account/trusted-persons/*/accept")
    assert trusted.path == "/account/trusted-persons", trusted.path
    assert not trusted.exists("p.error"), f"accepting was refused:\n{trusted.text()[:800]}"
    assert not trusted.has_form("/account/trusted-persons/*/accept"), "the invitation can still be accepted"
    trusted.check("trusted-persons-accepted")

    # The parent's token names both children; the trusted person's only the granted one.
    every = {"diary", "attendance", "nutrition"}
    assert sorted((student, relation, frozenset(services.split(", "))) for student, relation, services
                  in open_diary(parent)) == sorted([(granted, "guardian", every), (withheld, "guardian", every)])
    students = open_diary(trusted)
    trusted.check("diary-home-trusted", language="en", layout=False)  # a third party's English desktop page
    assert [(student, relation) for student, relation, _ in students] == [(granted, "trusted")], students
    assert set(students[0][2].split(", ")) == GRANTED, students
    assert withheld not in trusted.html(), f"diary-demo shows the other child {withheld} to the trusted person"
    # The token exchanged for the granted child (RFC 8693) carries only the granted services.
    trusted.open(f"{world.diary}/students/{granted}")
    assert trusted.exists("#relation"), f"diary-demo did not open the granted child:\n{trusted.text()[:800]}"
    assert trusted.find("#relation").text == "trusted", trusted.text()[:800]
    assert {item.text for item in trusted.find_all("li.service")} == GRANTED, trusted.text()[:800]
    trusted.open(f"{world.diary}/students/{withheld}")
    assert trusted.exists("p.refused") and not trusted.exists("#relation"), \
        f"diary-demo opened the other child:\n{trusted.text()[:800]}"
