//! Typed times: [`Timestamp`], a moment as Easemob sends it (Unix
//! milliseconds), and [`MuteDuration`], a length of time that may be
//! "forever" (`-1` on the wire).
//!
//! Both are thin types over what the wire carries, not a date-time library:
//! the API only ever sends whole milliseconds since the Unix epoch, so
//! `std::time::SystemTime` and `Duration` are all a caller needs to convert
//! to anything else, and no dependency is forced on applications that use
//! `chrono`, `time` or `jiff` (each converts from `SystemTime`).

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{DeserializeSeed, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::de::{Lenient, lenient, opt_lenient};

/// A moment in time as Easemob sends it: milliseconds since the Unix epoch
/// (1970-01-01 UTC).
///
/// Serialised as that integer, the same value the server sent; decoded from
/// a number or a numeric string, the two forms the docs show. Converts to
/// and from [`SystemTime`]. `Display` and `Debug` print the integer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The Unix epoch itself.
    pub const UNIX_EPOCH: Timestamp = Timestamp(0);

    /// The moment `millis` milliseconds after (before, when negative) the
    /// Unix epoch.
    pub const fn from_unix_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    /// Milliseconds since the Unix epoch, as on the wire.
    pub const fn as_unix_millis(self) -> i64 {
        self.0
    }

    /// The current time, from the system clock.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// The same moment as a [`SystemTime`], or `None` where the platform's
    /// `SystemTime` cannot hold it (far outside any real date).
    pub fn to_system_time(self) -> Option<SystemTime> {
        let offset = Duration::from_millis(self.0.unsigned_abs());
        if self.0 >= 0 { UNIX_EPOCH.checked_add(offset) } else { UNIX_EPOCH.checked_sub(offset) }
    }
}

/// Whole milliseconds, rounded towards the past; a time beyond what `i64`
/// milliseconds hold (about 292 million years from 1970) saturates.
impl From<SystemTime> for Timestamp {
    fn from(t: SystemTime) -> Self {
        let millis = match t.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => {
                let d = before.duration();
                // Rounded towards the past: 1.5 ms before the epoch is -2.
                let whole = d.as_millis() + u128::from(d.subsec_nanos() % 1_000_000 != 0);
                i64::try_from(whole).map(|m| -m).unwrap_or(i64::MIN)
            }
        };
        Timestamp(millis)
    }
}

impl From<Timestamp> for i64 {
    fn from(t: Timestamp) -> i64 {
        t.0
    }
}

impl From<i64> for Timestamp {
    fn from(millis: i64) -> Self {
        Timestamp(millis)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.0)
    }
}

/// The Unix milliseconds, as sent in a query string.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d)
    }
}

/// Read as the integer it is, or the numeric string the docs also show.
impl Lenient for Timestamp {
    fn from_json(v: Value) -> Result<Self, String> {
        i64::from_json(v).map(Timestamp).map_err(|e| e.replace("an integer", "Unix milliseconds"))
    }

    #[inline]
    fn from_i64(n: i64) -> Result<Self, String> {
        Ok(Timestamp(n))
    }

    fn from_u64(n: u64) -> Result<Self, String> {
        i64::from_u64(n).map(Timestamp).map_err(|e| e.replace("an integer", "Unix milliseconds"))
    }
}

/// How long a mute lasts: for a while, or for good.
///
/// On the wire it is a whole number of seconds or milliseconds (each
/// operation documents which) with `-1` for [`Forever`](Self::Forever); the
/// client writes and reads the unit the operation uses, so the same value
/// means the same length everywhere. Where an operation documents `0` as
/// lifting a mute, that is `MuteDuration::For(Duration::ZERO)`.
///
/// Sending a duration that is not a whole number of the operation's unit,
/// or one too long for it, is refused before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MuteDuration {
    /// Until lifted (`-1`).
    Forever,
    /// For this long from the time of the call.
    For(Duration),
}

impl MuteDuration {
    /// No mute: a length of zero, which lifts a mute where the operation
    /// says so.
    pub const NONE: MuteDuration = MuteDuration::For(Duration::ZERO);

    /// A mute of `secs` seconds.
    pub const fn from_secs(secs: u64) -> Self {
        MuteDuration::For(Duration::from_secs(secs))
    }

    /// Whether this is [`Forever`](Self::Forever).
    pub const fn is_forever(self) -> bool {
        matches!(self, MuteDuration::Forever)
    }

    /// The length, or `None` for [`Forever`](Self::Forever).
    pub const fn duration(self) -> Option<Duration> {
        match self {
            MuteDuration::Forever => None,
            MuteDuration::For(d) => Some(d),
        }
    }

    /// The wire value in units of `unit`: `-1` for forever, else the whole
    /// number of units, or why it cannot be sent.
    fn to_wire(self, unit: Unit) -> Result<i64, String> {
        let d = match self {
            MuteDuration::Forever => return Ok(-1),
            MuteDuration::For(d) => d,
        };
        let nanos = d.as_nanos();
        let per = u128::from(unit.millis) * 1_000_000;
        if nanos % per != 0 {
            return Err(format!("{d:?} is not a whole number of {}", unit.name));
        }
        i64::try_from(nanos / per).map_err(|_| format!("{d:?} is too long to send"))
    }

    fn from_wire(v: i64, unit: Unit) -> Result<Self, String> {
        match v {
            -1 => Ok(MuteDuration::Forever),
            v if v < 0 => Err(format!("expected a mute length in {} or -1, found {v}", unit.name)),
            v => Ok(MuteDuration::For(Duration::from_millis(v.unsigned_abs().saturating_mul(unit.millis)))),
        }
    }
}

/// The unit a mute length is sent in.
#[derive(Clone, Copy)]
struct Unit {
    millis: u64,
    name: &'static str,
}

/// What the generated code names a wire unit by.
pub trait WireUnit {
    /// The unit.
    #[doc(hidden)]
    const UNIT: UnitInfo;
}

/// A wire unit's description; only [`WireUnit`] makes one.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct UnitInfo(Unit);

/// Mute lengths sent in milliseconds.
pub struct Millis;
/// Mute lengths sent in seconds.
pub struct Seconds;

impl WireUnit for Millis {
    const UNIT: UnitInfo = UnitInfo(Unit { millis: 1, name: "milliseconds" });
}
impl WireUnit for Seconds {
    const UNIT: UnitInfo = UnitInfo(Unit { millis: 1000, name: "seconds" });
}

/// A [`MuteDuration`] written in unit `U`; how generated code puts one in a
/// body, and what its struct fields serialise through.
pub struct InUnit<'a, U>(pub &'a MuteDuration, pub PhantomData<U>);

impl<U: WireUnit> Serialize for InUnit<'_, U> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let wire = self.0.to_wire(U::UNIT.0).map_err(serde::ser::Error::custom)?;
        s.serialize_i64(wire)
    }
}

/// Serialises a required mute field in unit `U` (`serialize_with`).
pub fn serialize<U: WireUnit, S: Serializer>(v: &MuteDuration, s: S) -> Result<S::Ok, S::Error> {
    InUnit::<U>(v, PhantomData).serialize(s)
}

/// Serialises an optional mute field in unit `U` (`serialize_with`).
pub fn serialize_opt<U: WireUnit, S: Serializer>(v: &Option<MuteDuration>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize::<U, S>(v, s),
        None => s.serialize_none(),
    }
}

/// Reads a required mute field in unit `U`: an integer or numeric string.
pub fn deserialize<'de, U: WireUnit, D: Deserializer<'de>>(d: D) -> Result<MuteDuration, D::Error> {
    MuteDuration::from_wire(lenient(d)?, U::UNIT.0).map_err(serde::de::Error::custom)
}

/// Reads an optional mute field in unit `U`; `null` is `None`.
pub fn deserialize_opt<'de, U: WireUnit, D: Deserializer<'de>>(d: D) -> Result<Option<MuteDuration>, D::Error> {
    match opt_lenient::<D, i64>(d)? {
        Some(v) => MuteDuration::from_wire(v, U::UNIT.0).map(Some).map_err(serde::de::Error::custom),
        None => Ok(None),
    }
}

/// The seed the generated `Deserialize` impls read a required mute field with.
pub struct MuteSeed<U>(PhantomData<fn() -> U>);
/// The seed for an optional mute field.
pub struct OptMuteSeed<U>(PhantomData<fn() -> U>);

impl<U> MuteSeed<U> {
    /// The seed.
    pub const NEW: Self = Self(PhantomData);
}
impl<U> OptMuteSeed<U> {
    /// The seed.
    pub const NEW: Self = Self(PhantomData);
}

impl<'de, U: WireUnit> DeserializeSeed<'de> for MuteSeed<U> {
    type Value = MuteDuration;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<MuteDuration, D::Error> {
        deserialize::<U, D>(d)
    }
}

impl<'de, U: WireUnit> DeserializeSeed<'de> for OptMuteSeed<U> {
    type Value = Option<MuteDuration>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<MuteDuration>, D::Error> {
        deserialize_opt::<U, D>(d)
    }
}

/// The wire value of a mute input, for the range checks the docs state,
/// or why it cannot be sent.
pub fn wire_value<U: WireUnit>(v: &MuteDuration) -> Result<i64, String> {
    v.to_wire(U::UNIT.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_unix_millis_both_ways() {
        let t: Timestamp = serde_json::from_str("1542795196504").unwrap();
        assert_eq!(t.as_unix_millis(), 1542795196504);
        assert_eq!(serde_json::from_str::<Timestamp>("\"1542795196504\"").unwrap(), t);
        assert_eq!(serde_json::to_string(&t).unwrap(), "1542795196504");
        assert_eq!(t.to_string(), "1542795196504");
        assert!(serde_json::from_str::<Timestamp>("\"soon\"").unwrap_err().to_string().contains("Unix milliseconds"));
        let st = t.to_system_time().unwrap();
        assert_eq!(st.duration_since(UNIX_EPOCH).unwrap(), Duration::from_millis(1542795196504));
        assert_eq!(Timestamp::from(st), t);
        let before = UNIX_EPOCH - Duration::from_micros(1500);
        assert_eq!(Timestamp::from(before).as_unix_millis(), -2);
        assert_eq!(Timestamp::from_unix_millis(-2).to_system_time(), Some(UNIX_EPOCH - Duration::from_millis(2)));
        assert_eq!(Timestamp::from(UNIX_EPOCH + Duration::from_secs(u64::MAX / 1000)).as_unix_millis(), i64::MAX);
    }

    #[test]
    fn mute_lengths_keep_their_wire_values() {
        let ms = |v: MuteDuration| serde_json::to_string(&InUnit::<Millis>(&v, PhantomData)).map_err(|e| e.to_string());
        let s = |v: MuteDuration| serde_json::to_string(&InUnit::<Seconds>(&v, PhantomData)).map_err(|e| e.to_string());
        assert_eq!(ms(MuteDuration::Forever).unwrap(), "-1");
        assert_eq!(s(MuteDuration::Forever).unwrap(), "-1");
        assert_eq!(ms(MuteDuration::from_secs(60)).unwrap(), "60000");
        assert_eq!(s(MuteDuration::from_secs(60)).unwrap(), "60");
        assert_eq!(s(MuteDuration::NONE).unwrap(), "0");
        assert!(s(MuteDuration::For(Duration::from_millis(1500))).unwrap_err().contains("whole number of seconds"));
        assert!(ms(MuteDuration::from_secs(u64::MAX)).unwrap_err().contains("too long"));

        let read_s = |t: &str| deserialize::<Seconds, _>(&mut serde_json::Deserializer::from_str(t)).ok();
        let read_ms = |t: &str| deserialize::<Millis, _>(&mut serde_json::Deserializer::from_str(t)).ok();
        assert_eq!(read_s("-1"), Some(MuteDuration::Forever));
        assert_eq!(read_s("\"90\""), Some(MuteDuration::from_secs(90)));
        assert_eq!(read_ms("1500"), Some(MuteDuration::For(Duration::from_millis(1500))));
        assert_eq!(read_s("-2"), None);
        assert_eq!(wire_value::<Seconds>(&MuteDuration::from_secs(5)), Ok(5));
    }
}
