//! Layout of the bar chart of money per year: where each bar goes and how tall it is,
//! in the units of the SVG's viewBox, so the chart scales with the page.

/// One bar in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Staaf {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub breedte: f64,
    /// Height (0 for a zero amount).
    pub hoogte: f64,
}

/// A chart area of `breedte` × `hoogte` with `groepen` groups of `per_groep` bars side
/// by side, scaled so that `max` reaches the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Staafvlak {
    /// Width of the plotting area.
    pub breedte: f64,
    /// Height of the plotting area.
    pub hoogte: f64,
    /// Number of groups (years).
    pub groepen: usize,
    /// Bars per group.
    pub per_groep: usize,
    /// The largest amount; at least 1 so an empty chart draws nothing, not NaN.
    pub max: i64,
}

impl Staafvlak {
    /// Bar `reeks` of group `groep` for `waarde` (negative amounts draw as zero).
    pub fn staaf(&self, groep: usize, reeks: usize, waarde: i64) -> Staaf {
        let groepbreedte = self.breedte / self.groepen.max(1) as f64;
        let breedte = groepbreedte * 0.8 / self.per_groep.max(1) as f64;
        let hoogte = self.hoogte * (waarde.max(0) as f64 / self.max.max(1) as f64);
        Staaf {
            x: groepbreedte * groep as f64 + groepbreedte * 0.1 + breedte * reeks as f64,
            y: self.hoogte - hoogte,
            breedte,
            hoogte,
        }
    }

    /// The middle of group `groep`, for its label.
    pub fn midden(&self, groep: usize) -> f64 {
        let groepbreedte = self.breedte / self.groepen.max(1) as f64;
        groepbreedte * (groep as f64 + 0.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vlak() -> Staafvlak {
        Staafvlak {
            breedte: 100.0,
            hoogte: 50.0,
            groepen: 2,
            per_groep: 2,
            max: 200,
        }
    }

    #[test]
    fn the_largest_amount_reaches_the_top_and_half_reaches_half() {
        let v = vlak();
        assert_eq!(v.staaf(0, 0, 200).y, 0.0);
        assert_eq!(v.staaf(0, 0, 100).hoogte, 25.0);
        assert_eq!(v.staaf(1, 1, -5).hoogte, 0.0);
    }

    #[test]
    fn bars_of_a_group_stand_side_by_side_within_it() {
        let v = vlak();
        let a = v.staaf(1, 0, 10);
        let b = v.staaf(1, 1, 10);
        assert_eq!(a.x, 55.0);
        assert_eq!(b.x, a.x + a.breedte);
        assert!(b.x + b.breedte <= 100.0);
        assert_eq!(v.midden(1), 75.0);
    }

    #[test]
    fn an_empty_chart_draws_nothing_instead_of_nan() {
        let v = Staafvlak { max: 0, ..vlak() };
        assert_eq!(v.staaf(0, 0, 0).hoogte, 0.0);
    }
}
