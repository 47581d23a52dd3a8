import AttestKit
import Testing

/// Krippendorff's unitized α against hand computation (docs/metrics.md).
@Suite struct UnitizedAlphaTests {
    /// A continuum of 10 code points. A marks P at [0,4); B marks P at [1,4).
    ///
    /// Partitions: A = P[0,4) φ[4,10); B = φ[0,1) P[1,4) φ[4,10). With m = 2, ℓ counts each
    /// ordered pair of observers: ℓ_PP = 3 + 3 = 6, ℓ_Pφ = ℓ_φP = 1, ℓ_φφ = 6 + 6 = 12; ℓ·· = 20,
    /// ℓ_P· = 7, ℓ_φ· = 13. Self-pairings: S_P = 4² + 3² = 25, S_φ = 6 + 1 + 6 = 13, S = 38.
    /// ε_Pφ = ε_φP = 7·13 / (20 − 38/20) = 91/18.1. D_o = 2, D_e = 182/18.1,
    /// ᵤα = 1 − 2·18.1/182 = 145.8/182 = 0.8010989…
    @Test func handComputedExample() {
        var t = UnitizedAlpha.Tally()
        t.add(length: 10, observers: [[(Span(0, 4), "P")], [(Span(1, 4), "P")]])
        #expect(abs(t.alpha - 145.8 / 182) < 1e-12, "\(t.alpha)")
    }

    @Test func identicalUnitizationsAgreeFully() {
        var t = UnitizedAlpha.Tally()
        let spans = [(span: Span(2, 5), value: "P"), (span: Span(7, 9), value: "L")]
        t.add(length: 12, observers: [spans, spans, spans])
        #expect(t.alpha == 1)
    }

    /// Same boundaries, other values: ℓ_PL = ℓ_LP = 3, ℓ_φφ = 14; ℓ·· = 20, ℓ_P· = ℓ_L· = 3,
    /// ℓ_φ· = 14; S_P = S_L = 9, S_φ = 14, S = 32; denominator 20 − 32/20 = 18.4.
    /// D_o = 6; D_e = (2·3·3 + 2·3·14 + 2·3·14)/18.4 = 186/18.4; ᵤα = 1 − 6·18.4/186 = 0.4064516…
    @Test func sameBoundariesOtherValues() {
        var t = UnitizedAlpha.Tally()
        t.add(length: 10, observers: [[(Span(2, 5), "P")], [(Span(2, 5), "L")]])
        #expect(abs(t.alpha - (1 - 6 * 18.4 / 186)) < 1e-12, "\(t.alpha)")
    }

    /// Documents add up as one continuum end to end.
    @Test func documentsAreOneContinuum() {
        var split = UnitizedAlpha.Tally()
        split.add(length: 10, observers: [[(Span(0, 4), "P")], [(Span(1, 4), "P")]])
        split.add(length: 6, observers: [[(Span(1, 3), "L")], []])
        var joined = UnitizedAlpha.Tally()
        joined.add(length: 16, observers: [[(Span(0, 4), "P"), (Span(11, 13), "L")], [(Span(1, 4), "P")]])
        #expect(abs(split.alpha - joined.alpha) < 1e-12)
    }
}
