import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// The blocklist shipped in `policies/` (and copied to the test profile).
@Suite struct PasswordBlocklistTests {
    static let shipped: PasswordBlocklist =
        try! PolicySet.load(directory: Fixtures.packageRoot.appendingPathComponent("policies")).passwords.blocklist

    @Test("the shipped list holds at least 10,000 distinct entries (issue 4)")
    func size() {
        #expect(Self.shipped.count >= 10_000)
    }

    @Test("the shipped list rejects common, Russian and keyboard-walk passwords", arguments: [
        "qwerty123", "йцукен", "1q2w3e4r", "пароль123", "password1", "iloveyou", "1qaz2wsx", "zaq12wsx",
        "!qaz@wsx", "qweasdzxc", "qwertyuiop", "zxcvbnm123", "йцукенгшщз", "фывапролд", "ячсмить", "1й2ц3у4к",
        "gfhjkm", "ghbdtn", "пароль", "parol123", "любовь", "lubov", "lyubov", "наташа", "масква", "natasha1985",
        "Наташа1985", "котёнок", "котенок", "spartak1", "ЙЦУКЕН123",
    ])
    func rejects(_ text: String) throws {
        #expect(Self.shipped.contains(try Password(text, maximumLength: 128)))
    }

    @Test("the shipped list leaves uncommon passphrases alone", arguments: [
        "kite2019", "long enough passphrase", "синий кит плывёт", "qwerty123 is my bike",
    ])
    func allows(_ text: String) throws {
        #expect(!Self.shipped.contains(try Password(text, maximumLength: 128)))
    }

    @Test("the file format skips comments and blank lines and folds case after NFKC")
    func fileFormat() throws {
        let list = PasswordBlocklist(fileContents: "# header\n\nQwerty123\n  Пароль  \n#notapassword\n")
        #expect(list.count == 2)
        #expect(list.contains(try Password("ＱＷＥＲＴＹ123", maximumLength: 128)))
        #expect(list.contains(try Password("пароль", maximumLength: 128)))
        #expect(!list.contains(try Password("#notapassword", maximumLength: 128)))
    }
}
