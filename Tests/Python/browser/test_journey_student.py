"""Journey 1: a teacher uploads a roster and prints the slips; a student logs in with
a slip's temporary password, is forced to change it and lands in diary-demo."""
import pytest

from .steps import STUDENT_PASSWORD, change_first_password, consent_if_asked, diary_subject, log_in, \
    teacher_first_login, upload_roster


@pytest.mark.parametrize("language", ["ru", "en"])
def test_teacher_prints_slips_and_a_student_signs_in_to_the_diary(world, browser, language):
    teacher = f"teacher1{language}"
    password = world.add_teacher(teacher)
    class_id = world.add_class(5 if language == "ru" else 6, "А", teacher)

    staff = browser(language, "1-teacher")
    teacher_first_login(staff, teacher, password)
    staff.open("/teacher")
    staff.check("teacher-console")
    assert staff.exists(f"a[href='/teacher/classes/{class_id}']"), staff.text()[:800]
    slips = upload_roster(staff, class_id, [("Петров", "Пётр"), ("Сидорова", "Анна")])
    name, login, temporary = slips[0]

    student = browser(language, "1-student")
    student.open(world.diary + "/login")
    assert student.at(world.base) and student.path.startswith("/login"), student.url
    log_in(student, login, temporary)
    change_first_password(student, STUDENT_PASSWORD, "student-password-change")
    consent_if_asked(student)
    subject = diary_subject(student)
    assert subject.startswith("acc_"), subject
    # diary-demo is a third party's English page without a mobile viewport.
    student.check("diary-home", language="en", layout=False)
