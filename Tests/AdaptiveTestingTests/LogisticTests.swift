import Foundation
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite struct LogisticTests {
    @Test func valuesAndSymmetry() {
        #expect(logistic(0) == 0.5)
        #expect(abs(logistic(1) - 0.7310585786300049) < 1e-15)
        #expect(abs(logistic(-1) - 0.2689414213699951) < 1e-15)
        #expect(logistic(800) == 1)
        #expect(logistic(-800) == 0)
        #expect(logistic(-800).isFinite)
    }
}
