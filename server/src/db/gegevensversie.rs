//! The gegevensversie: a counter in the database that every write the landelijk beeld
//! rests on raises inside its own transaction, so that a computed beeld is kept only under
//! the version it read (see [`super::landelijk`]).

use domain::GemeenteCode;

use super::DbFout;

/// The PostgreSQL channel every write the landelijk beeld rests on notifies when it
/// commits (listened to by `super::landelijk::Wijzigingen`).
pub(super) const KANAAL: &str = "grondplan_gegevensversie";

/// From how many writes since its kept copy a landscape is read whole rather than
/// brought up to date from the applicaties they name (`super::applicaties`). So no more
/// records per landscape are kept than this many ([`nieuwe_gegevensversie`]).
pub(super) const BIJWERKEN_TOT: usize = 32;

/// What a change does to the landelijk beeld.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Raakt {
    /// Nothing: a private what-if, or something applied when answering.
    Niets,
    /// The gemeente's landscape as a whole (an import).
    Landschap,
    /// One applicatie of the gemeente's landscape, the one the audit record names: stored
    /// in its place or deleted, or added at the end. Nothing else of the landscape moves.
    Applicatie,
    /// What every gemeente's plan rests on (the Routekaart, the catalogue).
    Alles,
}

/// What a write changed of a landscape, recorded under the version it raised
/// (`landschapwijzigingen`): a server that keeps the landscape at an older version reads
/// only what the writes since then name (`super::applicaties`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Landschapswijziging<'a> {
    /// The landscape as a whole.
    Geheel,
    /// One applicatie; `nieuw`: it was added, at the end.
    Applicatie { id: &'a str, nieuw: bool },
}

/// After a change to data of `gemeente`, inside the writer's transaction: raises the
/// gegevensversie when the change can change the beeld, and marks the gemeente's
/// landscape as changed at that version when it is one. `entiteit_id` and `nieuw` are the
/// audit record's: the thing changed and whether it was added.
///
/// # Errors
/// A database error; the writer's transaction then rolls back with it.
pub(super) async fn na_wijziging(
    tx: &mut sqlx::AnyConnection,
    raakt: Raakt,
    gemeente: Option<&GemeenteCode>,
    entiteit_id: &str,
    nieuw: bool,
) -> Result<(), DbFout> {
    let landschap = |wijziging| gemeente.map(|g| (g, wijziging));
    match raakt {
        Raakt::Niets => Ok(()),
        Raakt::Landschap => nieuwe_gegevensversie(tx, landschap(Landschapswijziging::Geheel)).await,
        Raakt::Applicatie => {
            let wijziging = Landschapswijziging::Applicatie {
                id: entiteit_id,
                nieuw,
            };
            nieuwe_gegevensversie(tx, landschap(wijziging)).await
        }
        Raakt::Alles => nieuwe_gegevensversie(tx, None).await,
    }
}

/// Takes the write lock a check-then-write transaction needs, without changing anything:
/// on PostgreSQL the counter row's lock (every writer of the beeld takes it), on SQLite
/// the database's write lock. What the transaction reads after it cannot change before it
/// commits.
///
/// # Errors
/// A database error.
pub(super) async fn neem_schrijfslot(tx: &mut sqlx::AnyConnection) -> Result<(), DbFout> {
    sqlx::query("UPDATE gegevensversie SET versie = versie WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Raises the gegevensversie inside the writer's transaction; for a write to a
/// landscape, records that version as the gemeente's landschapversie with what the write
/// changed, for any other write (what every plan rests on) as the contextversie. The
/// counter's row lock orders the writers, so versions rise in the order they commit.
///
/// # Errors
/// A database error; the writer's transaction then rolls back with it.
pub(super) async fn nieuwe_gegevensversie(
    tx: &mut sqlx::AnyConnection,
    landschap: Option<(&GemeenteCode, Landschapswijziging<'_>)>,
) -> Result<(), DbFout> {
    // The right-hand sides read the row as it was: contextversie becomes the new version.
    sqlx::query(if landschap.is_some() {
        "UPDATE gegevensversie SET versie = versie + 1 WHERE id = 1"
    } else {
        "UPDATE gegevensversie SET versie = versie + 1, contextversie = versie + 1 WHERE id = 1"
    })
    .execute(&mut *tx)
    .await?;
    // PostgreSQL tells every instance listening when this commits (and not if it rolls
    // back), so each brings its beeld up to date before a request asks
    // (`taken::landelijk_beeld::houd_bij`). Notifications of one transaction are one.
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_notify($1, '')")
            .bind(KANAAL)
            .execute(&mut *tx)
            .await?;
    }
    if let Some((gemeente, wijziging)) = landschap {
        let (id, nieuw) = match wijziging {
            Landschapswijziging::Geheel => (None, false),
            Landschapswijziging::Applicatie { id, nieuw } => (Some(id), nieuw),
        };
        // Before the landschapversie moves on: the record names the one it follows.
        sqlx::query(
            "INSERT INTO landschapwijzigingen (versie, gemeente_code, applicatie_id, nieuw, vorige) \
             SELECT versie, $1, $2, $3, \
                 COALESCE((SELECT versie FROM landschapversies WHERE gemeente_code = $1), 0) \
             FROM gegevensversie WHERE id = 1",
        )
        .bind(gemeente.as_str())
        .bind(id)
        .bind(i32::from(nieuw))
        .execute(&mut *tx)
        .await?;
        // Only the newest records are ever read: a copy kept from before them is more
        // writes behind than a reload follows, and is read whole. The older ones go, so
        // the table does not grow with every write. A reader whose records were cut sees
        // the chain broken and reads whole too (`applicaties::volledig`).
        sqlx::query(
            "DELETE FROM landschapwijzigingen WHERE gemeente_code = $1 AND versie < ( \
                 SELECT versie FROM landschapwijzigingen WHERE gemeente_code = $1 \
                 ORDER BY versie DESC LIMIT 1 OFFSET $2)",
        )
        .bind(gemeente.as_str())
        .bind(i64::try_from(BIJWERKEN_TOT - 1).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO landschapversies (gemeente_code, versie) \
             SELECT $1, versie FROM gegevensversie WHERE id = 1 \
             ON CONFLICT (gemeente_code) DO UPDATE SET versie = excluded.versie",
        )
        .bind(gemeente.as_str())
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
