//! Money: whole euros, and the one proration rule of `DOMAIN.md`:
//! `round_half_up(yearly * days / 365)`.

/// `round_half_up(jaarlijks × dagen / 365)`, for non-negative amounts and days; a negative
/// input counts as zero (nothing is prorated over a negative span).
pub fn naar_rato(jaarlijks: i64, dagen: i64) -> i64 {
    let (jaarlijks, dagen) = (jaarlijks.max(0), dagen.max(0));
    if jaarlijks == 0 || dagen == 0 {
        return 0;
    }
    // i64 arithmetic whenever it cannot overflow (any realistic amount); i128 otherwise.
    match jaarlijks.checked_mul(dagen).and_then(|t| t.checked_mul(2)) {
        Some(dubbel) => (dubbel + 365) / 730,
        None => deel_afgerond(i128::from(jaarlijks) * i128::from(dagen), 365),
    }
}

/// `round_half_up(teller / noemer)` for a non-negative teller and a positive noemer.
pub(crate) fn deel_afgerond(teller: i128, noemer: i128) -> i64 {
    let afgerond = (2 * teller + noemer) / (2 * noemer);
    i64::try_from(afgerond).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proration_rounds_half_up() {
        // DOMAIN.md worked examples A, B and C.
        assert_eq!(naar_rato(120_000, 91), 29_918);
        assert_eq!(naar_rato(120_000, 244), 80_219);
        assert_eq!(naar_rato(120_000, 93), 30_575);
        // Below one half rounds down, above it up (365 is odd, so an exact half cannot occur).
        assert_eq!(naar_rato(1, 182), 0);
        assert_eq!(naar_rato(1, 183), 1);
    }

    #[test]
    fn huge_amounts_do_not_overflow() {
        assert_eq!(naar_rato(i64::MAX, 365), i64::MAX);
        assert_eq!(naar_rato(i64::MAX / 2, 730), i64::MAX - 1);
    }

    #[test]
    fn nothing_is_prorated_over_a_negative_span() {
        assert_eq!(naar_rato(120_000, -5), 0);
        assert_eq!(naar_rato(-10, 5), 0);
    }

    #[test]
    fn a_whole_year_of_365_days_is_the_yearly_amount() {
        assert_eq!(naar_rato(120_000, 365), 120_000);
        assert_eq!(deel_afgerond(7, 2), 4);
        assert_eq!(deel_afgerond(5, 2), 3);
    }
}
