import Foundation
import Testing

@testable import AdaptiveTesting
@testable import ItemResponseTheory

@Suite struct IRTEstimatorTests {
    /// A grid wide and fine enough that the rectangle rule equals the integral over ℝ to ~1e-15
    /// (trapezoid rule on an analytic, Gaussian-decaying integrand).
    static let fine = EstimatorSettings(
        grid: AbilityGrid(lower: -10, upper: 10, points: 401), prior: .normal(mean: 0, standardDeviation: 1))

    @Test func priorAloneIsTheStandardNormal() throws {
        let estimator = try AbilityEstimator(settings: Self.fine)
        let state = estimator.initialState(startTheta: 0)
        #expect(abs(state.estimate.theta) < 1e-15)
        #expect(abs(state.estimate.standardError - 1) < 1e-12)
    }

    /// Posterior after one answer, N(0, 1) prior, against ∫ computed by mpmath at 40 digits
    /// (quad on (−∞, b] ∪ [b, ∞)).
    @Test(arguments: [
        (1.3, 0.4, true, 0.58745331034424963249, 0.86656274215639196996),
        (0.8, -1.2, false, -0.49784628759005711139, 0.93904754695134076917),
        (2.0, 1.5, true, 1.2023344796132833216, 0.77608415470281770173),
    ])
    func oneItemPosteriorMatchesNumericalIntegration(
        a: Double, b: Double, correct: Bool, mean: Double, deviation: Double
    ) throws {
        let estimator = try AbilityEstimator(settings: Self.fine)
        let estimate = try #require(
            estimator.replay([(CalibratedItem(discrimination: a, difficulty: b), correct)], startTheta: 0).last)
        #expect(abs(estimate.theta - mean) < 1e-9)
        #expect(abs(estimate.standardError - deviation) < 1e-9)
    }

    /// The reference grid (61 points on [−4, 4]) after three answers, against the same sums at 40
    /// digits (mpmath): the incremental log-domain update loses nothing.
    @Test func referenceGridMatchesHighPrecisionSums() throws {
        let estimator = try AbilityEstimator(settings: .reference)
        let answers = [
            (CalibratedItem(discrimination: 1.1, difficulty: 0.2), true),
            (CalibratedItem(discrimination: 0.7, difficulty: 1.0), false),
            (CalibratedItem(discrimination: 1.9, difficulty: -0.5), true),
        ]
        let estimate = try #require(estimator.replay(answers, startTheta: 0).last)
        #expect(abs(estimate.theta - 0.52926576302535005325) < 1e-12)
        #expect(abs(estimate.standardError - 0.74888076561112662483) < 1e-12)
        // A fixed prior makes the posterior independent of the order of the answers.
        let reversed = try #require(estimator.replay(answers.reversed(), startTheta: 0).last)
        #expect(abs(reversed.theta - estimate.theta) < 1e-13)
        #expect(abs(reversed.standardError - estimate.standardError) < 1e-13)
    }

    @Test func gridPoints() {
        let reference = AbilityGrid.reference.values
        #expect(reference.count == 61)
        #expect(reference.first == -4)
        #expect(abs(reference[60] - 4) < 1e-15)
        // Pix's lodash.range accumulation: 81 points, drifting by a few ulps.
        let pix = AbilityGrid.pix.values
        #expect(pix.count == 81)
        #expect(pix[40] == -6.716849298982197e-15)
        #expect(pix[80] == 8.999999999999988)
    }

    static let history: [(CalibratedItem, Bool)] = [
        (CalibratedItem(discrimination: 1.2, difficulty: -0.5), true),
        (CalibratedItem(discrimination: 0.9, difficulty: 0.3), false),
        (CalibratedItem(discrimination: 1.6, difficulty: 1.1), true),
        (CalibratedItem(discrimination: 2.1, difficulty: 0.0), true),
        (CalibratedItem(discrimination: 0.7, difficulty: -1.5), false),
        (CalibratedItem(discrimination: 1.4, difficulty: 2.2), false),
    ]

    /// Expected values: a transcription of Pix's `flash.js` (`getEstimatedLevelAndErrorRateHistory`:
    /// linear-domain likelihood, normalised Gaussian prior of variance 1.5 re-centred on the previous
    /// estimate, error √(Σ p (θ − θ̂)² − (9/80)²/12)) run under Node.js.
    static let pixPlain: [(Double, Double)] = [
        (0.51016541613630351, 1.0586232869126186), (0.36709361440927657, 0.96065917116601851),
        (1.0465962254033436, 0.82042707949093874), (1.4888661104048169, 0.77783010007605591),
        (1.3037664701190230, 0.73884136851610671), (1.0761236414261715, 0.65691821945501971),
    ]
    static let pixStartMinus3: [(Double, Double)] = [
        (-1.6608517478019673, 1.0666723049462097), (-0.94610947638355591, 0.96326054357146018),
        (0.46633129693690972, 0.81254247237827792), (1.2646412536672509, 0.74435045055326554),
        (1.2232777773717933, 0.72742360951440577), (1.0529706339567333, 0.65522957709395646),
    ]
    static let pixCapped: [(Double, Double)] = [
        (0.50000000000000000, 1.0586720924247037), (0.36083394902420385, 0.96039937210388049),
        (0.86083394902420385, 0.84045440322160381), (1.2912509235363059, 0.77635298141971820),
        (1.2327003110987802, 0.72873487514944824), (1.0556749544187025, 0.65542500264767267),
    ]
    /// Final estimate of each prefix of the history with double measures until 4 (Pix recomputes
    /// the history at every answer: a pair is only a pair once its second answer exists).
    static let pixDoubleMeasure: [(Double, Double)] = [
        (0.51016541613630351, 1.0586232869126186), (0.035698944428631849, 1.1884848136513169),
        (1.1542154017256436, 0.93031199989660962), (0.92638398454071968, 0.92409878270002321),
        (0.93297704595207920, 0.89971997479837895), (0.74432316983592506, 0.80402515073719150),
    ]

    func expectPix(_ settings: EstimatorSettings, start: Double, _ expected: [(Double, Double)]) throws {
        let estimator = try AbilityEstimator(settings: settings)
        var state = estimator.initialState(startTheta: start)
        #expect(state.estimate == AbilityEstimate(theta: start, standardError: 5))
        for ((item, correct), (theta, error)) in zip(Self.history, expected) {
            estimator.update(&state, discrimination: item.discrimination, difficulty: item.difficulty, correct: correct)
            #expect(abs(state.estimate.theta - theta) < 1e-12)
            #expect(abs(state.estimate.standardError - error) < 1e-12)
        }
        #expect(state.answerCount == 6)
    }

    @Test func pixModeReproducesPixOnReplayedHistories() throws {
        try expectPix(.pix, start: 0, Self.pixPlain)
        try expectPix(.pix, start: -3, Self.pixStartMinus3)
        var capped = EstimatorSettings.pix
        capped.variationCap = VariationCap(fraction: 0.5, untilAnswer: 3)
        try expectPix(capped, start: 0, Self.pixCapped)
        var double = EstimatorSettings.pix
        double.doubleMeasuresUntil = 4
        try expectPix(double, start: 0, Self.pixDoubleMeasure)
    }

    @Test func invalidSettingsAreRefused() {
        #expect(throws: CATError.self) {
            try AbilityEstimator(
                settings: EstimatorSettings(
                    grid: AbilityGrid(lower: 0, upper: 1, points: 1), prior: .recentred(variance: 1)))
        }
        #expect(throws: CATError.self) {
            try AbilityEstimator(
                settings: EstimatorSettings(grid: .reference, prior: .normal(mean: 0, standardDeviation: 0)))
        }
        #expect(throws: CATError.self) {
            try AbilityEstimator(settings: EstimatorSettings(grid: .reference, prior: .recentred(variance: .nan)))
        }
    }

    @Test func extremeAnswersStayFinite() throws {
        let estimator = try AbilityEstimator(settings: .reference)
        var state = estimator.initialState(startTheta: 0)
        // Wrong answers to items far too easy: log(1 − P) ≈ −a(θ − b) without underflow to −∞.
        for _ in 0..<50 {
            estimator.update(&state, discrimination: 4, difficulty: -30, correct: false)
        }
        #expect(state.estimate.theta.isFinite)
        #expect(abs(state.estimate.theta - -4) < 0.01)
        #expect(state.estimate.standardError.isFinite)
    }
}
