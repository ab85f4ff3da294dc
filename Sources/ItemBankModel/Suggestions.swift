/// "Did you mean …?": the known names closest to a name that is not known (a typo), for the help of
/// a diagnostic (unknown skills, rule ids, schema names).
public enum Suggestions {
    /// The names of `candidates` at the smallest edit distance from `name` (Levenshtein on Unicode
    /// scalars, case ignored), when that distance is at most `maximumDistance` and at most a third of
    /// the name's length (so that short names are not matched to anything); sorted, at most `limit`.
    public static func closest(
        to name: String, among candidates: some Sequence<String>, maximumDistance: Int = 3, limit: Int = 3
    ) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        let bound = min(maximumDistance, max(1, target.count / 3))
        var best = bound + 1
        var found: [String] = []
        for candidate in Set(candidates) where candidate != name {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            guard abs(scalars.count - target.count) <= bound else { continue }
            let distance = editDistance(target, scalars)
            guard distance <= bound else { continue }
            if distance < best {
                best = distance
                found = [candidate]
            } else if distance == best {
                found.append(candidate)
            }
        }
        return Array(found.sorted().prefix(limit))
    }

    /// "did you mean a, b or c?" for one to three names; nil for none.
    public static func didYouMean(_ names: [String]) -> String? {
        guard let last = names.last else { return nil }
        let list = names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
        return "did you mean \(list)?"
    }

    /// Levenshtein distance between two short sequences of scalars.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
