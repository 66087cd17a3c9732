/// Pictures of a symbol: inline SVG for pages and binary PGM for decoders.
///
/// Both surround the symbol with a light quiet zone (ISO/IEC 18004:2015 §6.3.8 asks
/// for 4 modules), which readers need to find the finder patterns.
extension QRCode {
    /// The symbol as one compact `<svg>` element for an HTML page.
    ///
    /// A white background `<rect>` and one black `<path>` of horizontal runs
    /// (`M x y h3v1h-3z` per run), `shape-rendering="crispEdges"` so that modules do not
    /// blur, `role="img"` with `aria-label` for screen readers. Colours are `fill`
    /// attributes, never `style`, so a Content-Security-Policy without `style-src` for
    /// attributes still draws it.
    /// - Parameters:
    ///   - moduleSize: CSS pixels per module.
    ///   - quietZone: light modules around the symbol.
    ///   - label: the accessible name, escaped here.
    /// - Returns: the markup, starting with `<svg`.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, label: String) -> String {
        let side = size + 2 * quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else { x += 1; continue }
                var end = x
                while end < size && self[end, y] { end += 1 }
                path += "M\(x + quietZone) \(y + quietZone)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        let pixels = side * moduleSize
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" "
            + "width=\"\(pixels)\" height=\"\(pixels)\" shape-rendering=\"crispEdges\" role=\"img\" "
            + "aria-label=\"\(Self.escapeAttribute(label))\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// The symbol as a binary greyscale PGM (Netpbm `P5`, maxval 255): 0 for dark and
    /// 255 for light, `moduleSize` pixels per module, `quietZone` light modules around.
    public func pgm(moduleSize: Int = 4, quietZone: Int = 4) -> [UInt8] {
        let side = (size + 2 * quietZone) * moduleSize
        var image = Array("P5\n\(side) \(side)\n255\n".utf8)
        image.reserveCapacity(image.count + side * side)
        for pixelY in 0..<side {
            for pixelX in 0..<side {
                let x = pixelX / moduleSize - quietZone, y = pixelY / moduleSize - quietZone
                let dark = x >= 0 && x < size && y >= 0 && y < size && self[x, y]
                image.append(dark ? 0 : 255)
            }
        }
        return image
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for a quoted XML/HTML attribute value.
    private static func escapeAttribute(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
