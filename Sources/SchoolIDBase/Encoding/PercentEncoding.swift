/// Percent-encoding (RFC 3986 §2.1) for values placed in a URI query or an
/// `application/x-www-form-urlencoded` body.
public enum PercentEncoding {
    /// `text` with every byte of its UTF-8 but the RFC 3986 §2.3 unreserved characters
    /// (`A–Z a–z 0–9 - . _ ~`) written as `%XX` (upper-case hex). The result is valid in
    /// any query component and in a form body (where it also never needs `+`).
    public static func encodeUnreserved(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF")
}
