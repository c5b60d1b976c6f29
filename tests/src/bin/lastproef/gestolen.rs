//! Which slow answers the host caused: the moments it took the processor from this virtual
//! machine (*steal*, the eighth figure of `/proc/stat`'s `cpu` line, in ticks of 10 ms),
//! set against every answer of the run.
//!
//! A thread reads the steal every 20 ms while the attack runs; every request notes when
//! it began and how long it took ([`noteer`]). The report gives, per request, the p99 of
//! every answer next to the p99 of the answers during which (and in the 100 ms before
//! which) the host took nothing: the service's own tail, without the host's. goose's
//! table stays the measure; this says where its tail comes from.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the steal is read.
const STAP: Duration = Duration::from_millis(20);
/// How long before an answer began the host's taking still counts against it: the
/// requests that queued meanwhile are still being served.
const VOORAF: Duration = Duration::from_millis(100);
/// One tick of `/proc/stat`.
const TIK: Duration = Duration::from_millis(10);
/// How many steps of [`STAP`] make a window of 100 ms, for how often the host took time.
const PER_VENSTER: usize = 5;

/// One answer: its request's name, and when it began and ended (since the meter started).
struct Antwoord {
    naam: String,
    begin: Duration,
    einde: Duration,
}

/// Every answer noted: its request's name, when it began and when it ended.
static ANTWOORDEN: Mutex<Vec<(String, Instant, Instant)>> = Mutex::new(Vec::new());

/// Notes one answer to request `naam` that began at `begin` and ended now.
pub fn noteer(naam: String, begin: Instant) {
    let einde = Instant::now();
    ANTWOORDEN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((naam, begin, einde));
}

/// The steal of the whole machine so far, in ticks; none where `/proc/stat` cannot be
/// read (not Linux).
fn steal() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    stat.lines()
        .find(|r| r.starts_with("cpu "))?
        .split_whitespace()
        .nth(8)?
        .parse()
        .ok()
}

/// Reads the steal until stopped.
pub struct Meter {
    begin: Instant,
    stop: Arc<AtomicBool>,
    draad: JoinHandle<Vec<(Duration, u64)>>,
}

impl Meter {
    /// Starts reading; none where the steal cannot be read.
    pub fn start() -> Option<Self> {
        steal()?;
        let begin = Instant::now();
        let stop = Arc::new(AtomicBool::new(false));
        let gestopt = Arc::clone(&stop);
        let draad = std::thread::spawn(move || {
            let mut metingen = Vec::new();
            while !gestopt.load(Ordering::Relaxed) {
                if let Some(s) = steal() {
                    metingen.push((begin.elapsed(), s));
                }
                std::thread::sleep(STAP);
            }
            metingen
        });
        Some(Self { begin, stop, draad })
    }

    /// Stops reading and reports, per request name, the p99 of every answer and of the
    /// answers the host did not touch.
    pub fn rapport(self) -> String {
        self.stop.store(true, Ordering::Relaxed);
        let metingen = self.draad.join().unwrap_or_default();
        let noteringen =
            std::mem::take(&mut *ANTWOORDEN.lock().unwrap_or_else(PoisonError::into_inner));
        let antwoorden: Vec<Antwoord> = noteringen
            .into_iter()
            .map(|(naam, begin, einde)| Antwoord {
                naam,
                begin: begin.saturating_duration_since(self.begin),
                einde: einde.saturating_duration_since(self.begin),
            })
            .collect();
        rapport(&metingen, &antwoorden)
    }
}

/// The steal in ticks between `van` and `tot`, from the readings around them.
fn steal_tussen(metingen: &[(Duration, u64)], van: Duration, tot: Duration) -> u64 {
    let voor = metingen.partition_point(|(t, _)| *t <= van);
    let na = metingen.partition_point(|(t, _)| *t < tot);
    let eerst = metingen.get(voor.saturating_sub(1)).map_or(0, |m| m.1);
    let laatst = metingen
        .get(na)
        .or_else(|| metingen.last())
        .map_or(eerst, |m| m.1);
    laatst.saturating_sub(eerst)
}

/// The 99th percentile in ms as goose reckons it (the answer at rank n × 0.99, rounded, at
/// least the first), so that the first column matches goose's table; none of nothing.
/// Of fewer than 100 answers that is not always the slowest: of 64, the one before it.
fn p99(duren: &mut [Duration]) -> Option<f64> {
    duren.sort_unstable();
    let rang = ((duren.len() * 99 + 50) / 100).max(1);
    Some(duren.get(rang - 1)?.as_secs_f64() * 1000.0)
}

fn rapport(metingen: &[(Duration, u64)], antwoorden: &[Antwoord]) -> String {
    let (Some(eerste), Some(laatste)) = (metingen.first(), metingen.last()) else {
        return "steal: geen metingen\n".into();
    };
    let totaal = TIK * u32::try_from(laatste.1.saturating_sub(eerste.1)).unwrap_or(u32::MAX);
    let vensters = || metingen.windows(PER_VENSTER + 1).step_by(PER_VENSTER);
    let met_steal = vensters().filter(|w| w[PER_VENSTER].1 > w[0].1).count();
    let vensters = vensters().count();
    let mut uit = format!(
        "steal (de host nam de processor): {:.1} s in {:.0} s; in {met_steal} van {vensters} vensters van 100 ms\n\
         p99 in ms van alle antwoorden, en van de antwoorden zonder steal vanaf {} ms ervoor tot hun einde:\n",
        totaal.as_secs_f64(),
        laatste.0.as_secs_f64(),
        VOORAF.as_millis(),
    );
    let mut per_naam: BTreeMap<&str, (Vec<Duration>, Vec<Duration>)> = BTreeMap::new();
    for a in antwoorden {
        let duur = a.einde.saturating_sub(a.begin);
        let (alle, ongestoord) = per_naam.entry(&a.naam).or_default();
        alle.push(duur);
        if steal_tussen(metingen, a.begin.saturating_sub(VOORAF), a.einde) == 0 {
            ongestoord.push(duur);
        }
    }
    for (naam, (mut alle, mut ongestoord)) in per_naam {
        let (n, m) = (alle.len(), ongestoord.len());
        let toon = |p: Option<f64>| p.map_or_else(|| "-".to_owned(), |p| format!("{p:.1}"));
        let _ = writeln!(
            uit,
            "  {naam:<42} {n:>6} antwoorden p99 {:>6}   zonder steal {m:>6} p99 {:>6}",
            toon(p99(&mut alle)),
            toon(p99(&mut ongestoord)),
        );
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn an_answer_counts_as_touched_when_the_host_took_time_during_it_or_just_before() {
        // Steal rises by one tick between 1 000 and 1 020 ms.
        let metingen: Vec<_> = (0..100u64)
            .map(|i| (ms(i * 20), u64::from(i * 20 >= 1_020)))
            .collect();
        let antwoord = |naam: &str, begin, einde| Antwoord {
            naam: naam.into(),
            begin: ms(begin),
            einde: ms(einde),
        };
        let antwoorden = [
            antwoord("GET a", 990, 1_030),   // during
            antwoord("GET a", 1_080, 1_090), // within 100 ms after
            antwoord("GET a", 1_200, 1_205), // long after
            antwoord("GET b", 100, 150),     // long before
        ];
        let rapport = rapport(&metingen, &antwoorden);
        assert!(rapport.contains("in 1 van 19 vensters"), "{rapport}");
        assert!(rapport.contains("0.0 s in 2 s"), "{rapport}");
        let a = rapport
            .lines()
            .find(|r| r.contains("GET a"))
            .expect("GET a");
        assert!(a.contains("3 antwoorden p99   40.0"), "{a}");
        assert!(a.contains("zonder steal      1 p99    5.0"), "{a}");
        let b = rapport
            .lines()
            .find(|r| r.contains("GET b"))
            .expect("GET b");
        assert!(b.contains("zonder steal      1 p99   50.0"), "{b}");
    }

    #[test]
    fn the_99th_percentile_is_reckoned_as_goose_does() {
        let mut honderd: Vec<_> = (1..=100).rev().map(ms).collect();
        assert_eq!(p99(&mut honderd), Some(99.0));
        // Rank 63.36 rounds to 63: the one before the slowest.
        let mut vierenzestig: Vec<_> = (1..=64).map(ms).collect();
        assert_eq!(p99(&mut vierenzestig), Some(63.0));
        assert_eq!(p99(&mut [ms(7)]), Some(7.0));
        assert_eq!(p99(&mut []), None);
    }
}
