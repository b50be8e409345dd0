//! The event → test index: which tests an incoming event may bear on.
//!
//! A dense CSR table per (guarantor, recipient) and (guarantor, adversary)
//! cell, with each cell's tests sorted by window start, behind a blocked
//! Bloom filter of (cell, day block) pairs that rejects, without branching,
//! the events that bear on no test. The [`Ledger`](super::Ledger) falls
//! back to its hash maps while the index is stale or too large.

use super::*;

/// Bulk loads of at least this many events rebuild a stale index first.
pub(super) const REINDEX_AT: usize = 256;

/// The dense index is built only up to this many (guarantor, actor) cells
/// (two `u32` offset tables of 4 MiB each); beyond, the hash maps serve.
pub(super) const DENSE_CELLS: usize = 1 << 20;

/// Row of an actor that guarantees no test.
pub(super) const NO_ROW: u32 = u32::MAX;

/// Route of a bloc whose acts count for its members.
pub(super) const BLOC: u32 = u32::MAX - 1;

/// A test in a (guarantor, recipient) cell: its window and index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    start: Day,
    end: Day,
    test: u32,
}

/// A test in a (guarantor, adversary) cell, with its beneficiary.
#[derive(Clone, Copy, Debug)]
pub(super) struct AgainstSlot {
    start: Day,
    end: Day,
    test: u32,
    beneficiary: u32,
}

pub(super) trait Starts {
    fn start(&self) -> Day;
}

impl Starts for Slot {
    fn start(&self) -> Day {
        self.start
    }
}

impl Starts for AgainstSlot {
    fn start(&self) -> Day {
        self.start
    }
}

/// A compressed-sparse-row copy of `Ledger::direct` and `Ledger::against`
/// for the hot path: row = guarantor (only actors that guarantee a test),
/// column = recipient (or adversary), each cell the tests sorted by window
/// start. A lookup is two array reads instead of a hash probe, and only the
/// tests whose window can hold the event's day are visited (windows are at
/// most `span` days long). Bloc memberships are kept sorted by member, so a
/// bloc's act reaches each member once without allocating.
///
/// It is a cache: it describes the first `tests` tests and is used only
/// while the ledger has exactly that many (`add_crisis` makes it stale).
#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    /// Whether the dense tables were built (false: too many cells, or never built).
    dense: bool,
    /// How many tests it indexes.
    tests: usize,
    /// Longest window, `end − start`, of any test.
    span: Day,
    /// Columns per row: the number of actors.
    cols: usize,
    /// Row of each actor as a guarantor, or [`NO_ROW`].
    rows: Vec<u32>,
    /// What an act of each actor does: [`NO_ROW`] (nothing: it guarantees
    /// no test, nor does any of its members), [`BLOC`] (a bloc's act, see
    /// [`Index::record_bloc`]) or its row.
    route: Vec<u32>,
    direct_at: Vec<u32>,
    direct: Vec<Slot>,
    against_at: Vec<u32>,
    against: Vec<AgainstSlot>,
    /// Each actor's memberships `(member, from, until)` sorted by member
    /// (empty for non-blocs).
    members: Vec<Vec<(u32, Day, Day)>>,
    /// A blocked Bloom filter (two bits in one word per key) of the
    /// (cell, day block) pairs that some test's window touches, in the
    /// direct and the adversary cells (see [`Index::maybe`]). It has false
    /// positives, never false negatives.
    bloom: Vec<u64>,
    /// `64 − log2(words in bloom)`: the shift that maps a hash to a word.
    bloom_shift: u32,
    /// `bloom_shift − 12`: the shift to the 12 bits that place the two bits.
    mask_shift: u32,
    /// Days per block: `1 << block_shift`.
    block_shift: u32,
}

impl Index {
    #[inline]
    pub(super) fn fresh(&self, tests: usize) -> bool {
        self.dense && self.tests == tests
    }

    /// Checks and matches one chunk of events, the first of which will be
    /// event `first`; returns how many lead the chunk before the first
    /// invalid one (those are matched, the rest are not). Only while
    /// [`fresh`](Self::fresh) for `tests`.
    ///
    /// Each event costs a validity check and a [`maybe`](Self::maybe)
    /// probe; only the few that pass go through [`record`](Self::record).
    pub(super) fn record_chunk(
        &self,
        first: usize,
        chunk: &[KeyedEvent],
        tl: &Timeline,
        log: &mut Vec<(u32, Hit)>,
    ) -> usize {
        for (k, row) in chunk.iter().enumerate() {
            if !tl.is_valid_keyed(row) {
                return k;
            }
            if self.maybe(row) {
                self.record((first + k) as u32, row, &mut |t, hit| log.push((t, hit)));
            }
        }
        chunk.len()
    }

    /// Whether `row` may bear on some test: false only when its provider
    /// guarantees nothing, or when neither its (provider, recipient) cell
    /// nor its (provider, adversary) cell has a test whose window touches
    /// the day's block. A bloc's act always passes. Branch-free, so the
    /// many events that bear on nothing cost no misprediction.
    #[inline]
    pub(super) fn maybe(&self, row: &KeyedEvent) -> bool {
        let p = row.provider.0;
        let route = self.route.get(p as usize).copied().unwrap_or(NO_ROW);
        let bloc = route == BLOC;
        // A bloc's act is looked up under the bloc's own cells.
        let (g, table) = if bloc {
            (p, BLOC_DIRECT)
        } else {
            (route, DIRECT)
        };
        self.maybe_from(g, table, row) & (route != NO_ROW)
    }

    /// Whether `row` may bear on a test of guarantor row `g` (any value
    /// may be passed; the answer means something only for a real row), in
    /// tables `table` and `table + 1`.
    #[inline]
    fn maybe_from(&self, g: u32, table: u64, row: &KeyedEvent) -> bool {
        let block = row.day() >> self.block_shift;
        let base = u64::from(g).wrapping_mul(self.cols as u64);
        let a = row.against_raw;
        let direct = self.bit(base.wrapping_add(u64::from(row.recipient.0)), table, block);
        let against = self.bit(base.wrapping_add(u64::from(a)), table + 1, block);
        direct | (against & (a != NO_AGAINST))
    }

    /// The Bloom filter's word and two bits for (cell, block).
    #[inline]
    fn probe(&self, cell: u64, table: u64, block: Day) -> (usize, u64) {
        let h = bloom_hash(cell, table, block);
        let word = (h >> self.bloom_shift) as usize;
        let low = h >> self.mask_shift;
        (word, (1 << (low & 63)) | (1 << ((low >> 6) & 63)))
    }

    /// Whether both Bloom bits for (cell, block) are set.
    #[inline]
    fn bit(&self, cell: u64, table: u64, block: Day) -> bool {
        let (word, mask) = self.probe(cell, table, block);
        // Out of range only for an empty filter: then nothing is indexed.
        self.bloom.get(word).is_some_and(|w| w & mask == mask)
    }

    /// Sets the Bloom bits of every block that `start..=end` touches in `cell`.
    fn insert(&mut self, cell: u64, table: u64, start: Day, end: Day) {
        for block in (start >> self.block_shift)..=(end >> self.block_shift) {
            let (word, mask) = self.probe(cell, table, block);
            if let Some(w) = self.bloom.get_mut(word) {
                *w |= mask;
            }
        }
    }

    /// The hot path: records event `i` on every test it bears on. Only
    /// while [`fresh`](Self::fresh) for `tests`.
    #[inline]
    pub(super) fn record(&self, i: u32, row: &KeyedEvent, hit: &mut impl FnMut(u32, Hit)) {
        let Some(&route) = self.route.get(row.provider.index()) else {
            return;
        };
        if route == NO_ROW {
        } else if route == BLOC {
            self.record_bloc(i, row, hit);
        } else {
            self.record_from(route, i, row, hit);
        }
    }

    /// A bloc's act counts for the bloc's own tests and for each member's,
    /// except the member it was directed at or against. Members are sorted
    /// by key, so a member listed for two overlapping periods counts once.
    #[cold]
    fn record_bloc(&self, i: u32, row: &KeyedEvent, hit: &mut impl FnMut(u32, Hit)) {
        let p = row.provider.index();
        // The bloc as a guarantor in its own right (a directed or mutual
        // commitment that names it), as `bears_on` counts it.
        if let Some(&g) = self.rows.get(p)
            && g != NO_ROW
            && self.maybe_from(g, DIRECT, row)
        {
            self.record_from(g, i, row, hit);
        }
        let Some(members) = self.members.get(p) else {
            return;
        };
        let mut last = None;
        for &(m, from, until) in members {
            if from <= row.day() && row.day() <= until && last != Some(m) {
                last = Some(m);
                if m != row.recipient.0
                    && Some(m) != row.against_key().map(|a| a.0)
                    && let Some(&g) = self.rows.get(m as usize)
                    && g != NO_ROW
                    && self.maybe_from(g, DIRECT, row)
                {
                    self.record_from(g, i, row, hit);
                }
            }
        }
    }

    /// Records event `i` on the tests of guarantor row `g` it bears on: a
    /// scan of one (guarantor, recipient) cell and one (guarantor,
    /// adversary) cell, from the first test whose window can hold the day.
    #[inline]
    fn record_from(&self, g: u32, i: u32, row: &KeyedEvent, hit: &mut impl FnMut(u32, Hit)) {
        if g == NO_ROW {
            return;
        }
        let d = row.day();
        let r = row.recipient.0;
        let base = g as usize * self.cols;
        let from = d.saturating_sub(self.span);
        if let Some(slots) = cell(&self.direct_at, &self.direct, base + r as usize) {
            let lo = first_from(slots, from);
            for s in &slots[lo..] {
                if s.start > d {
                    break;
                }
                if d <= s.end {
                    hit(s.test, Hit::new(i, row));
                }
            }
        }
        if let Some(a) = row.against_key()
            && let Some(slots) = cell(&self.against_at, &self.against, base + a.index())
        {
            let lo = first_from(slots, from);
            for s in &slots[lo..] {
                if s.start > d {
                    break;
                }
                // Support for the target itself was matched above.
                if d <= s.end && s.beneficiary != r {
                    hit(s.test, Hit::new(i, row));
                }
            }
        }
    }

    pub(super) fn build(ledger: &Ledger) -> Index {
        let tl = &ledger.timeline;
        let cols = tl.actors().len();
        let mut rows = vec![NO_ROW; cols];
        let mut n_rows = 0u32;
        let mut span: Day = 0;
        for t in &ledger.tests {
            if rows[t.guarantor as usize] == NO_ROW {
                rows[t.guarantor as usize] = n_rows;
                n_rows += 1;
            }
            span = span.max(t.end.saturating_sub(t.start));
        }
        let cells = n_rows as usize * cols;
        let members = (0..cols as u32)
            .map(|b| {
                let mut v = tl.member_periods(b).to_vec();
                v.sort_unstable();
                v
            })
            .collect();
        if cells >= DENSE_CELLS || ledger.tests.len() >= BLOC as usize {
            return Index {
                members,
                ..Index::default()
            };
        }
        let tests = &ledger.tests;
        let cell_of = |key: u64| {
            let (g, c) = ((key >> 32) as usize, (key & 0xFFFF_FFFF) as usize);
            rows[g] as usize * cols + c
        };
        let (direct_at, mut direct) = csr(cells, &ledger.direct, cell_of, |t| {
            let s = &tests[t as usize];
            Slot {
                start: s.start,
                end: s.end,
                test: t,
            }
        });
        let (against_at, mut against) = csr(cells, &ledger.against, cell_of, |t| {
            let s = &tests[t as usize];
            AgainstSlot {
                start: s.start,
                end: s.end,
                test: t,
                beneficiary: s.beneficiary,
            }
        });
        for c in 0..cells {
            let (a, b) = (direct_at[c] as usize, direct_at[c + 1] as usize);
            direct[a..b].sort_unstable_by_key(|s| (s.start, s.test));
            let (a, b) = (against_at[c] as usize, against_at[c + 1] as usize);
            against[a..b].sort_unstable_by_key(|s| (s.start, s.test));
        }
        // The same decision as `Ledger::match_event`, made once per actor.
        let route = (0..cols)
            .map(|p| {
                if !ledger.is_guarantor[p] {
                    NO_ROW
                } else if ledger.any_bloc_guarantor && tl.is_bloc(p as u32) {
                    BLOC
                } else {
                    rows[p]
                }
            })
            .collect();
        let mut index = Index {
            dense: true,
            tests: tests.len(),
            span,
            cols,
            rows,
            route,
            direct_at,
            direct,
            against_at,
            against,
            members,
            bloom: Vec::new(),
            bloom_shift: 64,
            mask_shift: 52,
            block_shift: 0,
        };
        index.fill_bloom();
        index
    }

    /// Sizes and fills the Bloom filter from the cells: blocks of at
    /// least half the longest window (each window touches at most four),
    /// and about 16 bits per (cell, block) entry, so that a few percent of
    /// the events on an indexed cell pass [`maybe`](Self::maybe) falsely.
    ///
    /// Tables [`DIRECT`] and [`AGAINST`] hold each guarantor row's cells.
    /// For a bloc routed as [`BLOC`], tables [`BLOC_DIRECT`] and
    /// `BLOC_DIRECT + 1` hold, under the bloc's own (bloc, actor) cell, the
    /// windows of every (guarantor, actor) cell of the bloc and of anyone
    /// ever listed as its member: a superset of what
    /// [`record_bloc`](Self::record_bloc) can match.
    fn fill_bloom(&mut self) {
        let mut shift = 4;
        while shift < 30 && (1 << shift) < self.span / 2 {
            shift += 1;
        }
        self.block_shift = shift;
        let cols = self.cols;
        // (cell key, table, start, end) of every window to insert.
        let mut keys: Vec<(u64, u64, Day, Day)> = Vec::new();
        // The windows of cell (g, col) of `table` (DIRECT or AGAINST), as
        // keys `key` in `table + offset`.
        let windows = |ix: &Index, g: u32, col: usize, table: u64, offset: u64, key: u64| {
            let c = g as usize * cols + col;
            let direct = cell(&ix.direct_at, &ix.direct, c).unwrap_or(&[]);
            let against = cell(&ix.against_at, &ix.against, c).unwrap_or(&[]);
            let spans: Vec<(Day, Day)> = if table == DIRECT {
                direct.iter().map(|s| (s.start, s.end)).collect()
            } else {
                against.iter().map(|s| (s.start, s.end)).collect()
            };
            spans
                .into_iter()
                .map(move |(start, end)| (key, table + offset, start, end))
        };
        for g in 0..self.direct_at.len().saturating_sub(1) / cols.max(1) {
            for col in 0..cols {
                let key = (g * cols + col) as u64;
                keys.extend(windows(self, g as u32, col, DIRECT, 0, key));
                keys.extend(windows(self, g as u32, col, AGAINST, 0, key));
            }
        }
        for b in 0..cols {
            if self.route[b] != BLOC {
                continue;
            }
            let mut guarantors: Vec<u32> = self.members[b]
                .iter()
                .filter_map(|&(m, _, _)| self.rows.get(m as usize).copied())
                .chain(self.rows.get(b).copied())
                .filter(|&g| g != NO_ROW)
                .collect();
            guarantors.sort_unstable();
            guarantors.dedup();
            for g in guarantors {
                for col in 0..cols {
                    let key = (b * cols + col) as u64;
                    keys.extend(windows(self, g, col, DIRECT, BLOC_OFFSET, key));
                    keys.extend(windows(self, g, col, AGAINST, BLOC_OFFSET, key));
                }
            }
        }
        let blocks = (self.span >> shift) as usize + 2;
        let bits = (keys.len().saturating_mul(blocks).saturating_mul(16))
            .clamp(1 << 12, 1 << 24)
            .next_power_of_two();
        self.bloom = vec![0; bits / 64];
        // The word index is the hash's top bits; the two bit positions
        // the 12 bits below.
        self.bloom_shift = 64 - (bits / 64).trailing_zeros();
        self.mask_shift = self.bloom_shift - 12;
        for (key, table, start, end) in keys {
            self.insert(key, table, start, end);
        }
    }
}

/// Bloom table of the (guarantor row, recipient) cells.
pub(super) const DIRECT: u64 = 0;
/// Bloom table of the (guarantor row, adversary) cells.
pub(super) const AGAINST: u64 = 1;
/// Bloom table of a bloc's (bloc, recipient) cells, for its members.
pub(super) const BLOC_DIRECT: u64 = 2;
/// Bloom table of a bloc's (bloc, adversary) cells, for its members: the
/// table after [`BLOC_DIRECT`], as [`AGAINST`] is after [`DIRECT`].
pub(super) const BLOC_OFFSET: u64 = BLOC_DIRECT - DIRECT;

/// Hash of a (cell, table, day block) key for [`Index::bloom`]; the high
/// bits are used.
#[inline]
pub(super) fn bloom_hash(cell: u64, table: u64, block: Day) -> u64 {
    let key = ((cell << 2) | table).wrapping_shl(32) ^ u64::from(block as u32);
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Lays out `map` (pair key → tests) as offsets and slots, by cell.
pub(super) fn csr<S: Copy>(
    cells: usize,
    map: &FastMap<u64, Vec<u32>>,
    cell_of: impl Fn(u64) -> usize,
    slot: impl Fn(u32) -> S,
) -> (Vec<u32>, Vec<S>) {
    let mut at = vec![0u32; cells + 1];
    for (&k, ts) in map {
        at[cell_of(k) + 1] += ts.len() as u32;
    }
    for c in 0..cells {
        at[c + 1] += at[c];
    }
    let mut fill: Vec<u32> = at[..cells].to_vec();
    let mut out: Vec<Option<S>> = vec![None; at[cells] as usize];
    for (&k, ts) in map {
        let c = cell_of(k);
        for &t in ts {
            out[fill[c] as usize] = Some(slot(t));
            fill[c] += 1;
        }
    }
    // Every position was filled exactly once (counts match).
    (at, out.into_iter().flatten().collect())
}

/// The slots of cell `c`, if any.
#[inline]
pub(super) fn cell<'a, S>(at: &[u32], slots: &'a [S], c: usize) -> Option<&'a [S]> {
    let lo = *at.get(c)? as usize;
    let hi = *at.get(c + 1)? as usize;
    if lo == hi { None } else { slots.get(lo..hi) }
}

/// The first slot whose window may still be open on a day `≥ from + span`:
/// the first with `start ≥ from`. Short cells are scanned from the start.
#[inline]
pub(super) fn first_from<S: Starts>(slots: &[S], from: Day) -> usize {
    if slots.len() <= 8 {
        0
    } else {
        slots.partition_point(|s| s.start() < from)
    }
}
