/// Numbers in plain decimal notation, as CSV files and option values write them: an optional sign,
/// digits with an optional fraction, an optional exponent (`1`, `-0.25`, `.5`, `1.5e-3`).
///
/// `Double(_:)` accepts more: hexadecimal floats (`0x1p1`), `inf`, `nan`, `infinity`. Those are typing
/// errors or values from another tool in a workload file, so they are refused here.
public enum DecimalNumber {
    /// The value of `text` when it is a decimal number (the result may still be infinite when it
    /// overflows: `1e999`), else nil.
    public static func parse<Text: StringProtocol>(_ text: Text) -> Double? {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let integer = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(integer.count)
        var fraction = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit)
            bytes = bytes.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        if let first = bytes.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            let exponent = bytes.prefix(while: isDigit)
            guard !exponent.isEmpty else { return nil }
            bytes = bytes.dropFirst(exponent.count)
        }
        guard bytes.isEmpty else { return nil }
        return Double(String(text))
    }
}
