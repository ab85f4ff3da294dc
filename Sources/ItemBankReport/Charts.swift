import AdaptiveTesting
import ItemBankHTML

/// Decimal text of a number, the same on every machine: `digits` decimals, `-` for negatives (never
/// `-0`), no grouping.
func decimal(_ value: Double, _ digits: Int = 2) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    if scaled == 0 { return digits == 0 ? "0" : "0." + String(repeating: "0", count: digits) }
    let whole = scaled / Int(scale)
    let fraction = scaled % Int(scale)
    var text = value < 0 ? "-" : ""
    text += String(whole)
    if digits > 0 {
        let digitsText = String(fraction)
        text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
    }
    return text
}

/// A non-negative coordinate with one decimal (`158.1`): the charts' hot path, cheaper than
/// ``decimal(_:_:)``.
func tenths(_ value: Double) -> String {
    let scaled = Int((max(value, 0) * 10).rounded())
    return String(scaled / 10) + "." + String(scaled % 10)
}

/// Line charts over θ (logits, −4 … 4) as inline SVG: an item characteristic curve, an information
/// curve, a test information function. Accessible: `role="img"` and a `<title>` that says what the curve
/// shows in words.
enum ThetaChart {
    static let thetaRange = -4.0...4.0
    static let width = 320.0
    static let height = 180.0
    static let left = 54.0
    static let right = 10.0
    static let top = 10.0
    static let bottom = 34.0

    /// One curve: y(θ) at 41 points; `yMax` the top of the y axis; `yLabel` the axis name.
    static func svg(
        id: String, title: String, yLabel: String, yMax: Double, yTicks: [Double], yDigits: Int,
        _ y: (Double) -> Double
    ) -> String {
        let axes =
            yLabel == "P(right)" && yMax == 1 && yTicks == [0, 0.5, 1] && yDigits == 1
            ? characteristicAxes
            : yLabel == "information" && yDigits == 2 && yTicks == [0, yMax / 2, yMax]
                ? (informationAxes[yMax] ?? Self.axes(yLabel: yLabel, yMax: yMax, yTicks: yTicks, yDigits: yDigits))
                : Self.axes(yLabel: yLabel, yMax: yMax, yTicks: yTicks, yDigits: yDigits)
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\""
        out += " aria-labelledby=\"\(id)\"><title id=\"\(id)\">\(HTMLText.escape(title))</title>\n"
        out += axes
        out += "\n<polyline class=\"curve\" points=\""
        out += points(yMax: yMax, y)
        out += "\"/>\n</svg>"
        return out
    }

    static let plotWidth = width - left - right
    static let plotHeight = height - top - bottom

    static func x(_ theta: Double) -> Double { left + (theta - thetaRange.lowerBound) / 8 * plotWidth }

    /// The axes, grid and labels of a chart: the same for every chart with the same y axis, so rendered
    /// once per axis (``characteristicAxes``, ``informationAxes``) rather than once per item page.
    static func axes(yLabel: String, yMax: Double, yTicks: [Double], yDigits: Int) -> String {
        func yPosition(_ value: Double) -> Double { top + plotHeight - min(max(value / yMax, 0), 1) * plotHeight }
        var out = "<g class=\"axis\">"
        out +=
            "<line x1=\"\(decimal(left, 1))\" y1=\"\(decimal(top + plotHeight, 1))\" x2=\"\(decimal(width - right, 1))\""
        out += " y2=\"\(decimal(top + plotHeight, 1))\"/>"
        out +=
            "<line x1=\"\(decimal(left, 1))\" y1=\"\(decimal(top, 1))\" x2=\"\(decimal(left, 1))\" y2=\"\(decimal(top + plotHeight, 1))\"/>"
        for theta in stride(from: -4, through: 4, by: 2) {
            let position = decimal(x(Double(theta)), 1)
            out += "<line class=\"grid\" x1=\"\(position)\" y1=\"\(decimal(top, 1))\" x2=\"\(position)\""
            out += " y2=\"\(decimal(top + plotHeight, 1))\"/>"
            out += "<text x=\"\(position)\" y=\"\(decimal(top + plotHeight + 13, 1))\" text-anchor=\"middle\">"
            out += "\(theta < 0 ? "−\(-theta)" : String(theta))</text>"
        }
        for tick in yTicks {
            let position = decimal(yPosition(tick), 1)
            out +=
                "<text x=\"\(decimal(left - 4, 1))\" y=\"\(position)\" text-anchor=\"end\" dominant-baseline=\"middle\">"
            out += "\(decimal(tick, yDigits))</text>"
        }
        out += "<text x=\"\(decimal(left + plotWidth / 2, 1))\" y=\"\(decimal(height - 4, 1))\" text-anchor=\"middle\">"
        out += "θ (logits)</text>"
        out += "<text x=\"11\" y=\"\(decimal(top + plotHeight / 2, 1))\" text-anchor=\"middle\""
        out += " transform=\"rotate(-90 11 \(decimal(top + plotHeight / 2, 1)))\">\(HTMLText.escape(yLabel))</text>"
        out += "</g>"
        return out
    }

    /// The axes of every item characteristic curve.
    static let characteristicAxes = axes(yLabel: "P(right)", yMax: 1, yTicks: [0, 0.5, 1], yDigits: 1)

    /// The axes of the information curves, by top of the y axis (``niceMaximum(_:)``: 1, 2 or 5 × 10ⁿ,
    /// n from −4 to 4; another top is rendered when met).
    static let informationAxes: [Double: String] = {
        var table: [Double: String] = [:]
        for exponent in -4...4 {
            for step in [1.0, 2.0, 5.0] {
                // The same arithmetic as niceMaximum, so that the keys are the same doubles.
                var scale = 1.0
                if exponent < 0 { for _ in 0..<(-exponent) { scale /= 10 } }
                if exponent > 0 { for _ in 0..<exponent { scale *= 10 } }
                let top = step * scale
                table[top] = axes(yLabel: "information", yMax: top, yTicks: [0, top / 2, top], yDigits: 2)
            }
        }
        return table
    }()

    /// The x coordinates of the 41 points (every 0.2 logit), each with its separator, as UTF-8.
    static let pointPrefixes: [[UInt8]] = (0...40).map { step in
        Array(((step > 0 ? " " : "") + tenths(x(thetaRange.lowerBound + Double(step) / 5)) + ",").utf8)
    }

    /// The polyline's points `x,y x,y …`: 41 points, every 0.2 logit (smooth at this size, half the bytes
    /// of 81), written as bytes (no string per number).
    static func points(yMax: Double, _ y: (Double) -> Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(41 * 12)
        for step in 0...40 {
            let theta = thetaRange.lowerBound + Double(step) / 5
            bytes += pointPrefixes[step]
            let value = top + plotHeight - min(max(y(theta) / yMax, 0), 1) * plotHeight
            appendTenths(value, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``tenths(_:)`` written into a byte buffer.
    static func appendTenths(_ value: Double, to bytes: inout [UInt8]) {
        let scaled = Int((max(value, 0) * 10).rounded())
        var whole = scaled / 10
        var divisor = 1
        while divisor <= whole / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(whole / divisor))
            whole %= divisor
            divisor /= 10
        }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(scaled % 10))
    }

    /// The item characteristic curve P(θ) of a 2PL item.
    static func characteristic(id: String, itemID: String, _ item: CalibratedItem) -> String {
        svg(
            id: id,
            title: "Item characteristic curve of \(itemID): probability of a right answer by ability θ; "
                + "a = \(decimal(item.discrimination)), b = \(decimal(item.difficulty)) (P = 0.5 at θ = b)",
            yLabel: "P(right)", yMax: 1, yTicks: [0, 0.5, 1], yDigits: 1
        ) { item.probability(at: $0) }
    }

    /// The item information curve a²·P·Q of a 2PL item.
    static func information(id: String, itemID: String, _ item: CalibratedItem) -> String {
        let peak = item.discrimination * item.discrimination / 4
        let top = niceMaximum(peak)
        return svg(
            id: id,
            title: "Item information of \(itemID) by ability θ: highest (\(decimal(peak))) at θ = b = "
                + "\(decimal(item.difficulty))",
            yLabel: "information", yMax: top, yTicks: [0, top / 2, top], yDigits: 2
        ) { item.information(at: $0) }
    }

    /// The test information function: the sum of the items' information.
    static func testInformation(id: String, title: String, _ items: [CalibratedItem]) -> String {
        var peak = 0.0
        for step in 0...80 {
            let theta = thetaRange.lowerBound + Double(step) / 10
            peak = max(peak, items.reduce(0) { $0 + $1.information(at: theta) })
        }
        let top = niceMaximum(peak)
        return svg(id: id, title: title, yLabel: "information", yMax: top, yTicks: [0, top / 2, top], yDigits: 1) {
            theta in items.reduce(0) { $0 + $1.information(at: theta) }
        }
    }

    /// The θ (on the 0.1 grid) where the items' information is highest, and that information.
    static func peak(_ items: [CalibratedItem]) -> (theta: Double, information: Double) {
        var best = (theta: 0.0, information: 0.0)
        for step in 0...80 {
            let theta = thetaRange.lowerBound + Double(step) / 10
            let value = items.reduce(0) { $0 + $1.information(at: theta) }
            if value > best.information { best = (theta, value) }
        }
        return best
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `value` (1 for 0).
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var scale = 1.0
        while scale > value { scale /= 10 }
        while scale * 10 <= value { scale *= 10 }
        for step in [1.0, 2.0, 5.0, 10.0] where step * scale >= value { return step * scale }
        return 10 * scale
    }
}
