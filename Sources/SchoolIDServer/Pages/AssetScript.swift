/// The pages' progressive-enhancement script (served by ``Assets``); every page works
/// without it.
///
/// It only shows or hides notes the server already rendered with `hidden`, and adds or
/// removes their ids from the field's `aria-describedby` so a screen reader reads the
/// visible ones:
/// - `[data-caps-hint]` on a password input names the note shown while Caps Lock is on
///   (`KeyboardEvent.getModifierState("CapsLock")`);
/// - `[data-cyrillic-hint]` on the login input names the note shown while the value
///   holds Cyrillic letters (U+0400–U+04FF).
///
/// No inline handler: the script is loaded with `defer` and binds its own listeners,
/// which the Content-Security-Policy `script-src 'self'` allows.
enum AssetScript {
    static let text = """
        "use strict";
        (function () {
          function toggle(input, id, on) {
            var note = document.getElementById(id);
            if (!note) { return; }
            note.hidden = !on;
            var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
            if (on) { ids.push(id); }
            if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
          }
          document.querySelectorAll("input[data-caps-hint]").forEach(function (input) {
            var id = input.getAttribute("data-caps-hint");
            function check(event) {
              if (event.getModifierState) { toggle(input, id, event.getModifierState("CapsLock")); }
            }
            input.addEventListener("keydown", check);
            input.addEventListener("keyup", check);
            input.addEventListener("blur", function () { toggle(input, id, false); });
          });
          document.querySelectorAll("input[data-cyrillic-hint]").forEach(function (input) {
            var id = input.getAttribute("data-cyrillic-hint");
            input.addEventListener("input", function () { toggle(input, id, /[\\u0400-\\u04FF]/.test(input.value)); });
          });
        })();

        """
}
