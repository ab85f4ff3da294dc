/// Maximum bipartite matching between a qrocm-dep's answers and its answer groups: each answer may
/// count for one group it matches, each group for one answer.
///
/// Pix walks the answers in order and gives each one the first group it matches that is still free
/// (greedy): with groups {`Word`, `Traitement de texte`} and {`Word`}, the answers `Word`,
/// `Traitement de texte` get one group only. A maximum matching gives the learner every answer that
/// can count for a distinct group.
public enum GroupMatching {
    /// Matches answers to groups with augmenting paths (Kuhn's algorithm, each path found by a
    /// breadth-first search, so nothing recurses): O(A × E) for A answers and E answer–group pairs.
    /// Deterministic: answers are taken in order and groups tried in order, so among maximum matchings
    /// the same one is always returned.
    ///
    /// - Parameters:
    ///   - edges: for each answer, the groups (0-based, in `0..<groupCount`) it matches; others are ignored.
    ///   - groupCount: number of groups.
    /// - Returns: for each answer, the group it counts for, or nil; the number of non-nil entries is
    ///   the largest possible.
    public static func maximumMatching(_ edges: [[Int]], groupCount: Int) -> [Int?] {
        let groupCount = max(0, groupCount)
        var groupOfAnswer = [Int?](repeating: nil, count: edges.count)
        var answerOfGroup = [Int?](repeating: nil, count: groupCount)
        for root in edges.indices {
            // Breadth-first search of an alternating path from `root` to a free group.
            var parentAnswerOfGroup = [Int?](repeating: nil, count: groupCount)
            var visitedGroup = [Bool](repeating: false, count: groupCount)
            var queue = [root]
            var head = 0
            var freeGroup: Int?
            search: while head < queue.count {
                let answer = queue[head]
                head += 1
                for group in edges[answer] where group >= 0 && group < groupCount && !visitedGroup[group] {
                    visitedGroup[group] = true
                    parentAnswerOfGroup[group] = answer
                    if let next = answerOfGroup[group] {
                        queue.append(next)
                    } else {
                        freeGroup = group
                        break search
                    }
                }
            }
            // Flip the path: each answer on it takes the group after it.
            var group = freeGroup
            while let current = group, let answer = parentAnswerOfGroup[current] {
                let previous = groupOfAnswer[answer]
                groupOfAnswer[answer] = current
                answerOfGroup[current] = answer
                group = answer == root ? nil : previous
            }
        }
        return groupOfAnswer
    }
}
